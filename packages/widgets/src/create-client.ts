import { createLoupe } from '@loupe/sdk';
import type { LoupeClientLike } from './client.js';

/** How an element or the provider reaches a Loupe server on its own. */
export interface ConnectionOptions {
  baseUrl: string;
  /** A browser token (staff or customer session) minted by the host's backend. */
  token?: string;
  /** Mints a fresh browser token after a 401; never return a secret key from it. */
  fetchToken?: () => Promise<string>;
}

// One client per connection, so elements sharing base-url and token share caches and retries.
const clients = new Map<string, LoupeClientLike>();
const tokenFetcherIds = new WeakMap<() => Promise<string>, number>();
let nextFetcherId = 1;

function fetcherId(fetchToken: (() => Promise<string>) | undefined): number {
  if (!fetchToken) return 0;
  let id = tokenFetcherIds.get(fetchToken);
  if (id === undefined) {
    id = nextFetcherId++;
    tokenFetcherIds.set(fetchToken, id);
  }
  return id;
}

/**
 * Returns the `@loupe/sdk` client for these options, created once per distinct combination.
 * This module is the only one that imports the SDK, so elements that get a client from a
 * provider or a `.client` property never load it.
 */
export function createClient(options: ConnectionOptions): LoupeClientLike {
  const key = JSON.stringify([options.baseUrl, options.token ?? '', fetcherId(options.fetchToken)]);
  let client = clients.get(key);
  if (!client) {
    client = createLoupe({
      baseUrl: options.baseUrl,
      ...(options.token ? { token: options.token } : {}),
      ...(options.fetchToken ? { fetchToken: options.fetchToken } : {}),
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * A client for public routes alone (passport verification): a publishable key, or no
 * credential at all. One per `base-url` and key, like `createClient`.
 */
export function createPublicClient(baseUrl: string, publishableKey?: string): LoupeClientLike {
  const key = JSON.stringify(['public', baseUrl, publishableKey ?? '']);
  let client = clients.get(key);
  if (!client) {
    client = createLoupe(
      publishableKey ? { baseUrl, apiKey: publishableKey } : { baseUrl, anonymous: true },
    );
    clients.set(key, client);
  }
  return client;
}
