import type { LoupeClientLike, Me } from './client.js';

/** What the widgets need to know about the credential behind a client. */
export interface Identity {
  /** Permission names, e.g. `send_email`, `adjust_store_credit`. */
  permissions: ReadonlySet<string>;
  /** For a customer session (a storefront): the one customer it may read. */
  customerId: string | null;
  /** The answer of `GET /v1/me` (role, `actor`), or null when it couldn't be read. */
  me: Me | null;
}

// `GET /v1/me` once per client, shared by every element on the page that uses it.
const lookups = new WeakMap<LoupeClientLike, Promise<Me>>();

/** No permissions and no customer: what an unreadable credential is treated as (fail closed). */
export const NO_IDENTITY: Identity = { permissions: new Set(), customerId: null, me: null };

/**
 * Who the credential behind `client` is. Rejects when it can't be read (say, an expired
 * token); callers that only gate actions use `.catch(() => NO_IDENTITY)`, so no action the
 * credential may lack is offered.
 */
export async function identityOf(client: LoupeClientLike): Promise<Identity> {
  let lookup = lookups.get(client);
  if (!lookup) {
    lookup = client.me();
    lookups.set(client, lookup);
    // A failed lookup is asked again next time rather than cached.
    lookup.catch(() => lookups.delete(client));
  }
  const me = await lookup;
  return { permissions: new Set(me.permissions), customerId: me.customer_id, me };
}
