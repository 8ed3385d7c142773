import type { LoupeClientLike } from '../client.js';
import type { ConnectionOptions } from '../create-client.js';

/** Whether these options can make a client: a `base-url` and a token or a way to mint one. */
export function canConnect({ baseUrl, token, fetchToken }: Partial<ConnectionOptions>): boolean {
  return !!(baseUrl && (token || fetchToken));
}

/**
 * The client for a `base-url` / `token` / `fetchToken` combination, or `undefined` without a
 * `base-url` or a credential (the SDK refuses a client without one: the element says it isn't
 * connected instead). The SDK is imported on first use: it is most of the bundle, and the first
 * paint (a skeleton) doesn't need it, nor do elements given a client by a provider or property.
 */
export async function connect(
  options: Partial<ConnectionOptions>,
): Promise<LoupeClientLike | undefined> {
  if (!canConnect(options)) return undefined;
  const { baseUrl, token, fetchToken } = options;
  const { createClient } = await import('../create-client.js');
  return createClient({
    baseUrl: baseUrl!,
    ...(token ? { token } : {}),
    ...(fetchToken ? { fetchToken } : {}),
  });
}
