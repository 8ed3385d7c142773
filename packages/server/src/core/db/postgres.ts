import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Database, Queryable, QueryOptions, QueryResult, SqlParam } from './types.js';

/**
 * Attempts of a transaction PostgreSQL aborted as a deadlock's victim (decision 0038). Its
 * work was rolled back, so running it again is safe; the other transaction has usually
 * finished by then. Two crossing writes (a return locking its sale, then its customer; a merge
 * locking the customer, then moving its sales) would otherwise answer a 500.
 */
const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40P01';
}

/** Options for a PostgreSQL server. */
export interface PostgresOptions {
  url: string;
  /** Schema to put first on the search path (tests use one schema per file). */
  schema?: string;
  max?: number;
}

/** Connects a `pg` Pool to PostgreSQL. */
export function openPostgres(options: PostgresOptions): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  // One name per statement text: pg prepares a named statement once per connection and
  // refuses a name reused for another text.
  const names = new Map<string, string>();
  const nameFor = (sql: string) => {
    let name = names.get(sql);
    if (!name) {
      name = `loupe_${names.size + 1}`;
      names.set(sql, name);
    }
    return name;
  };

  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(
      sql: string,
      params?: readonly SqlParam[],
      options?: QueryOptions,
    ): Promise<QueryResult<Row>> {
      const values = params as unknown[] | undefined;
      const result = options?.prepare
        ? await client.query({ name: nameFor(sql), text: sql, ...(values ? { values } : {}) })
        : await client.query(sql, values);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  });

  const runOnce = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    engine: 'postgres',
    pool,
    ...wrap(pool),
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await runOnce(fn);
        } catch (error) {
          if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
          // The other transaction holds what we need until it ends: give it a moment.
          await sleep(5 * attempt + Math.random() * 10);
        }
      }
    },
    connections: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => pool.end(),
  };
}
