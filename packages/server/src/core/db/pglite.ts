import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable, QueryOptions, QueryResult, SqlParam } from './types.js';

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
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    ownerOnly(options.dataDir);
  }
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  const db = wrapPglite(pglite);
  const { dataDir } = options;
  if (!dataDir) return db;
  ownerOnly(dataDir);
  return {
    ...db,
    close: async () => {
      await db.close();
      ownerOnly(dataDir);
    },
  };
}

/**
 * The data folder holds customer data: folders 0700, files 0600. PGlite creates some files
 * 0666 whatever the umask, so the tree is tightened when the database opens and closes; in
 * between, the 0700 folder keeps whatever it creates out of other users' reach.
 */
function ownerOnly(path: string): void {
  const stat = statSync(path);
  const mode = stat.isDirectory() ? 0o700 : 0o600;
  if ((stat.mode & 0o777) !== mode) chmodSync(path, mode);
  if (stat.isDirectory()) for (const name of readdirSync(path)) ownerOnly(join(path, name));
}

/** Wraps an existing PGlite instance in the `Database` interface. */
export function wrapPglite(pglite: PGlite): Database & { pglite: PGlite } {
  const prepared = preparedStatements(pglite);
  return {
    engine: 'pglite',
    pglite,
    ...queryable(pglite, (sql, params) =>
      // Like PGlite's own query(): wait for any open transaction, then take the connection.
      pglite._runExclusiveTransaction(() => pglite.runExclusive(() => prepared(sql, params, true))),
    ),
    // PGlite's transaction() holds its transaction mutex, which plain query() also takes,
    // so transactions and single statements are already serialised on the one connection.
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn(queryable(tx, (sql, params) => pglite.runExclusive(() => prepared(sql, params, false)))),
      ),
    // One in-process connection; its mutex queue isn't visible, so no idle or waiting count.
    connections: () => ({ total: 1, idle: 0, waiting: 0 }),
    close: () => pglite.close(),
  };
}

type RunPrepared = (sql: string, params: readonly SqlParam[]) => Promise<QueryResult<never>>;

function queryable(target: PGlite | Transaction, runPrepared: RunPrepared): Queryable {
  return {
    async query<Row>(
      sql: string,
      params?: readonly SqlParam[],
      options?: QueryOptions,
    ): Promise<QueryResult<Row>> {
      if (options?.prepare) return runPrepared(sql, params ?? []) as Promise<QueryResult<Row>>;
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

/**
 * Named statements on PGlite's one connection: parsed and described once, then each call is
 * one protocol round (bind, describe, execute, sync) instead of query()'s six, and Postgres
 * reuses the plan. The caller holds PGlite's query mutex.
 */
function preparedStatements(pglite: PGlite) {
  const { serialize } = protocol;
  const statements = new Map<string, { name: string; paramTypes: number[] }>();
  const run = (parts: Uint8Array[], syncToFs: boolean) => {
    let length = 0;
    for (const part of parts) length += part.length;
    const message = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      message.set(part, at);
      at += part.length;
    }
    return pglite.execProtocolStream(message, { syncToFs });
  };
  return async (sql: string, params: readonly SqlParam[], syncToFs: boolean) => {
    let statement = statements.get(sql);
    if (!statement) {
      const name = `loupe_${statements.size + 1}`;
      const described = await run(
        [
          serialize.parse({ name, text: sql }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ],
        false,
      );
      const paramTypes =
        (described.find((m) => m.name === 'parameterDescription') as { dataTypeIDs?: number[] })
          ?.dataTypeIDs ?? [];
      statement = { name, paramTypes };
      statements.set(sql, statement);
    }
    const { paramTypes } = statement;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await run(
      [
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ],
      syncToFs,
    );
    const result = parse.parseResults(messages, pglite.parsers)[0]!;
    const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
    return { rows: result.rows as never[], rowCount };
  };
}
