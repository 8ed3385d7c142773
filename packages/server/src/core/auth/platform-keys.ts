import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/types.js';
import type { IdGenerator } from '../ids.js';
import { generatePlatformKey, hashKey } from './keys.js';

/**
 * The operator's key for /v1/platform: `LOUPE_PLATFORM_KEY` when set, otherwise one generated
 * on first start and stored as a hash.
 */
export class PlatformKeys {
  readonly #db: Database;
  readonly #configuredHash: Buffer | null;
  readonly #known = new Set<string>();

  constructor(db: Database, configuredKey: string | null) {
    this.#db = db;
    this.#configuredHash = configuredKey ? hashKey(configuredKey) : null;
  }

  /** True when `bearer` is the platform key. */
  async verify(bearer: string): Promise<boolean> {
    const hash = hashKey(bearer);
    if (this.#configuredHash) {
      return timingSafeEqual(hash, this.#configuredHash);
    }
    const hex = hash.toString('hex');
    if (this.#known.has(hex)) return true;
    const { rowCount } = await this.#db.query('SELECT 1 FROM platform_keys WHERE key_hash = $1', [
      hash,
    ]);
    if (rowCount > 0) this.#known.add(hex);
    return rowCount > 0;
  }

  /**
   * Makes sure a platform key exists. Returns the new key when one was generated now (print it
   * once: only its hash is kept), else null.
   */
  async ensure(ids: IdGenerator, now: Date): Promise<string | null> {
    if (this.#configuredHash) return null;
    return this.#db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('loupe:platform-key'))`);
      const existing = await tx.query('SELECT 1 FROM platform_keys LIMIT 1');
      if (existing.rowCount > 0) return null;
      const key = generatePlatformKey();
      await tx.query('INSERT INTO platform_keys (id, key_hash, created_at) VALUES ($1, $2, $3)', [
        ids('platformKey'),
        hashKey(key),
        now,
      ]);
      return key;
    });
  }
}
