import type { LoupeClientLike } from '../client.js';
import type { ConnectionOptions } from '../create-client.js';

/**
 * The client for a `base-url` / `token` / `fetchToken` combination, or `undefined` without a
 * `base-url`. The SDK is imported on first use: it is most of the bundle, and the first paint
 * (a skeleton) doesn't need it, nor do elements given a client by a provider or property.
 */
export async function connect(
  options: Partial<ConnectionOptions>,
): Promise<LoupeClientLike | undefined> {
  const { baseUrl, token, fetchToken } = options;
  if (!baseUrl) return undefined;
  const { createClient } = await import('../create-client.js');
  return createClient({
    baseUrl,
    ...(token ? { token } : {}),
    ...(fetchToken ? { fetchToken } : {}),
  });
}
