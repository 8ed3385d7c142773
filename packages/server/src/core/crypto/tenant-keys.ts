import type { Queryable } from '../db/types.js';
import { toBuffer } from '../db/types.js';
import { blindIndex, deriveKey, newDataKey, open, seal } from './envelope.js';

/** A tenant's unwrapped key material, derived once. */
export interface TenantKeys {
  /** Encrypts customer PII (AES-256-GCM). */
  dataKey: Buffer;
  /** Keys the phone blind index. */
  blindIndexKey: Buffer;
}

/**
 * Per-tenant envelope keys: each tenant's data key is stored wrapped by the master key and
 * unwrapped at most once per process (keys never change, so the cache never goes stale).
 */
export class TenantKeyring {
  readonly #masterKey: Buffer;
  readonly #storedResponseKey: Buffer;
  readonly #cache = new Map<string, TenantKeys>();

  constructor(masterKey: Buffer) {
    this.#masterKey = deriveKey(masterKey, 'wrap-data-keys');
    this.#storedResponseKey = deriveKey(masterKey, 'stored-responses');
  }

  /**
   * Seals a stored HTTP response (idempotent replays): responses can hold decrypted PII or a
   * freshly minted key, so they are encrypted at rest like the PII itself.
   */
  sealStoredResponse(body: string, aad: string): Buffer {
    return seal(this.#storedResponseKey, Buffer.from(body), aad);
  }

  /** Opens a response sealed by `sealStoredResponse`. */
  openStoredResponse(sealed: Uint8Array, aad: string): string {
    return open(this.#storedResponseKey, toBuffer(sealed), aad).toString('utf8');
  }

  /** Makes a data key for a new tenant; returns it wrapped, ready to store on the tenant row. */
  createWrappedKey(tenantId: string): Buffer {
    const dataKey = newDataKey();
    this.#cache.set(tenantId, expand(dataKey));
    return seal(this.#masterKey, dataKey, `tenant:${tenantId}`);
  }

  /**
   * The id of a stored tenant whose data key this master key can't unwrap, or null when it
   * opens them. Run at start, so a wrong `LOUPE_MASTER_KEY` stops the server instead of
   * turning every read into a 500. Every tenant's key is wrapped by the same master key, so
   * the oldest and the newest stand for the rest (ids sort by creation; the primary key
   * index finds both).
   */
  async findUnopenable(db: Queryable): Promise<string | null> {
    const { rows } = await db.query<{ id: string; wrapped_data_key: Uint8Array }>(
      `(SELECT id, wrapped_data_key FROM tenants ORDER BY id LIMIT 1)
       UNION ALL
       (SELECT id, wrapped_data_key FROM tenants ORDER BY id DESC LIMIT 1)`,
    );
    for (const row of rows) {
      try {
        open(this.#masterKey, toBuffer(row.wrapped_data_key), `tenant:${row.id}`);
      } catch {
        return row.id;
      }
    }
    return null;
  }

  /** The tenant's keys, from cache or by unwrapping the stored key. */
  async forTenant(db: Queryable, tenantId: string): Promise<TenantKeys> {
    const cached = this.#cache.get(tenantId);
    if (cached) return cached;
    const { rows } = await db.query<{ wrapped_data_key: Uint8Array }>(
      'SELECT wrapped_data_key FROM tenants WHERE id = $1',
      [tenantId],
    );
    const row = rows[0];
    if (!row) throw new Error(`Tenant ${tenantId} has no data key`);
    const keys = expand(
      open(this.#masterKey, toBuffer(row.wrapped_data_key), `tenant:${tenantId}`),
    );
    this.#cache.set(tenantId, keys);
    return keys;
  }
}

function expand(dataKey: Buffer): TenantKeys {
  return { dataKey, blindIndexKey: deriveKey(dataKey, 'phone-blind-index') };
}

/** Encrypts a JSON value for one tenant and record. */
export function sealJson(keys: TenantKeys, value: unknown, aad: string): Buffer {
  return seal(keys.dataKey, Buffer.from(JSON.stringify(value)), aad);
}

/** Decrypts a value sealed by `sealJson`. */
export function openJson<T>(keys: TenantKeys, sealed: Uint8Array, aad: string): T {
  return JSON.parse(open(keys.dataKey, toBuffer(sealed), aad).toString('utf8')) as T;
}

/** Blind index of a normalised phone number (E.164) for this tenant. */
export function phoneIndex(keys: TenantKeys, e164: string): Buffer {
  return blindIndex(keys.blindIndexKey, e164);
}
