import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable, QueryResult, SqlParam } from './types.js';

/** Extensions the migrations use; PGlite loads them from its bundle, not from the server. */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Options for the embedded engine. */
export interface PgliteOptions {
  /** Folder for the data; null keeps everything in memory. */
  dataDir: string | null;
  /** A `dumpDataDir()` tarball to start from (tests clone a migrated database this way). */
  loadDataDir?: Blob | File;
}

/** Opens the embedded PostgreSQL (PGlite). */
export async function openPglite(options: PgliteOptions): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  return wrapPglite(pglite);
}

/** Wraps an existing PGlite instance in the `Database` interface. */
export function wrapPglite(pglite: PGlite): Database & { pglite: PGlite } {
  return {
    engine: 'pglite',
    pglite,
    ...queryable(pglite),
    // PGlite's transaction() holds its transaction mutex, which plain query() also takes,
    // so transactions and single statements are already serialised on the one connection.
    transaction: (fn) => pglite.transaction((tx) => fn(queryable(tx))),
    // One in-process connection; its mutex queue isn't visible, so no idle or waiting count.
    connections: () => ({ total: 1, idle: 0, waiting: 0 }),
    close: () => pglite.close(),
  };
}

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[] | undefined);
      // PGlite reports affectedRows = 0 for a SELECT; like pg, count the rows a statement returns.
      const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
      return { rows: result.rows, rowCount };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}
