import pg from 'pg';
import type { Database, Queryable, QueryOptions, QueryResult, SqlParam } from './types.js';

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

  return {
    engine: 'postgres',
    pool,
    ...wrap(pool),
    async transaction(fn) {
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
    },
    connections: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => pool.end(),
  };
}
