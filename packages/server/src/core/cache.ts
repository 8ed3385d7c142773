/** Where a cache's invalidations go besides itself: the other instances (see cache-bus.ts). */
export interface CacheBroadcast {
  publish(cache: string, key: string): void;
}

/**
 * How long after an invalidation the entry is dropped once more: a read that was already in
 * flight when the change committed (it saw the old row) may store the old value just after
 * the first delete.
 */
export const IN_FLIGHT_READ_MS = 2000;

/**
 * A small in-process cache with a time-to-live and a size cap (oldest entries go first).
 * Used for principals and tenant settings so the hot path doesn't query for auth.
 *
 * A write that makes an entry wrong calls `invalidate(key)`: the entry goes here and, through
 * the broadcast (Redis pub/sub when `REDIS_URL` is set), on every other instance (decision
 * 0009). The TTL bounds staleness only when a broadcast is lost.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #name: string;
  readonly #broadcast: CacheBroadcast | null;

  constructor(options: {
    ttlMs: number;
    maxEntries?: number;
    now?: () => number;
    /** The cache's name on the broadcast channel (the `Caches` member it is). */
    name?: string;
    broadcast?: CacheBroadcast | null;
  }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#name = options.name ?? '';
    this.#broadcast = options.broadcast ?? null;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
  }

  /** Drops the entry on this instance only. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops the entry here and on every other instance: call it after a write commits. */
  invalidate(key: string): void {
    this.forget(key);
    this.#broadcast?.publish(this.#name, key);
  }

  /**
   * Drops the entry now and once more after `IN_FLIGHT_READ_MS` (see there). What
   * `invalidate` does locally, and what an invalidation from another instance does here.
   */
  forget(key: string): void {
    this.#entries.delete(key);
    setTimeout(() => this.#entries.delete(key), IN_FLIGHT_READ_MS).unref();
  }

  clear(): void {
    this.#entries.clear();
  }
}
