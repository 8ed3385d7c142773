import type { LoupeClientLike, Me } from './client.js';

// `GET /v1/me` once per client, shared by every element on the page that uses it.
const identities = new WeakMap<LoupeClientLike, Promise<Me>>();

/**
 * The permissions of the credential behind `client` (`send_email`, `adjust_store_credit`, …).
 * Fails closed: when they can't be read the answer is none, so no action the credential may
 * lack is offered.
 */
export async function permissionsOf(client: LoupeClientLike): Promise<ReadonlySet<string>> {
  let identity = identities.get(client);
  if (!identity) {
    identity = client.me();
    identities.set(client, identity);
    // A failed lookup (say, an expired token) is asked again next time rather than cached.
    identity.catch(() => identities.delete(client));
  }
  try {
    return new Set((await identity).permissions);
  } catch {
    return new Set();
  }
}
