/** A value bound to a `$n` placeholder. JSON goes in as text and is cast in SQL (`$1::jsonb`). */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly string[];

/** Rows of one statement. */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** How a statement runs. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection (parsed and planned once, then only bound
   * and executed). For the hot reads, whose SQL text comes from a few fixed shapes: each
   * distinct text stays prepared for the connection's life.
   */
  prepare?: boolean;
}

/** Anything that runs parameterised SQL: the database or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement. */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The one storage interface over PGlite and PostgreSQL.
 *
 * Inside `transaction(fn)` use only the `tx` handed to `fn`: on PGlite the database has one
 * connection, and a query on the outer handle waits for the transaction to end.
 */
export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` in a transaction: commits when it resolves, rolls back when it throws. On
   * PostgreSQL a transaction aborted as a deadlock's victim runs again (up to three times),
   * so `fn` must keep its effects inside `tx`.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Connections right now, read when metrics are scraped (PGlite: one, always open). */
  connections?(): ConnectionStats;
  close(): Promise<void>;
}

/** Connection counts for the database gauge. */
export interface ConnectionStats {
  /** Open connections. */
  total: number;
  /** Open and unused. */
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

/** `bytea` arrives as a Buffer from `pg` and a Uint8Array from PGlite; make it a Buffer. */
export function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value)
    ? value
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** The SQLSTATE of a database error, from either engine. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Postgres `unique_violation`. */
export const UNIQUE_VIOLATION = '23505';

/**
 * Postgres refusing text it can't store (`character_not_in_repertoire`, e.g. U+0000, and
 * `untranslatable_character`): always the caller's input, never the server's fault.
 */
export const UNSTORABLE_TEXT: ReadonlySet<string> = new Set(['22021', '22P05']);
