/** Where the bench keeps its data on each engine, and what the floor and Loupe share. */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { openPostgres } from '../src/core/db/postgres.js';

export type BenchTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; url: string; schema: string };

/** Page 1 of the customer list, as measured (20 is also the default page size). */
export const LIST_PATH = '/v1/customers?limit=20';
export const LIST_LIMIT = 20;

/**
 * Where the bench keeps PGlite data, prepared files, logs and profiles: `BENCH_DATA_DIR`, by
 * default `<tmp>/loupe-bench`, outside any checkout so every worktree reuses one seed.
 */
export const benchDataDir = resolve(process.env.BENCH_DATA_DIR ?? resolve(tmpdir(), 'loupe-bench'));

/** PGlite: one data folder per size, kept between runs. */
export function pglitePath(customers: number): string {
  return resolve(benchDataDir, `pglite-${customers}`);
}

/**
 * PostgreSQL: a `loupe_bench` database on the server in `BENCH_DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/postgres), one schema per size, kept between runs. The
 * URL carries the schema as `options=-c search_path=…`, so Loupe gets it through
 * `DATABASE_URL` like any deployment. pg_trgm lives in `public`: an extension belongs to one
 * schema per database, and a bench schema must not own it.
 */
export async function postgresTarget(customers: number): Promise<BenchTarget> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `loupe_bench_${customers}`;
  const admin = openPostgres({ url: server });
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'loupe_bench'");
  if (exists.rowCount === 0) await admin.exec('CREATE DATABASE loupe_bench');
  await admin.close();
  const url = new URL(server);
  url.pathname = '/loupe_bench';
  const setup = openPostgres({ url: url.toString() });
  await setup.exec(
    `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; CREATE SCHEMA IF NOT EXISTS ${schema}`,
  );
  await setup.close();
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return { engine: 'postgres', url: url.toString(), schema };
}

/** The list's JSON from rendered rows (`limit + 1` read, to know whether more follow). */
export function listPageBody(rows: { body: string; list_cursor: string }[], limit: number): string {
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? JSON.stringify(page[page.length - 1]!.list_cursor) : 'null';
  return `{"data":[${page.map((r) => r.body).join(',')}],"next_cursor":${next}}`;
}
