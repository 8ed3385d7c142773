/**
 * The floors, each a bare Hono process of its own answering the same paths and the same
 * bytes as Loupe:
 *
 * - `--mode static`: the bodies from memory (what HTTP alone costs);
 * - `--mode db`: the bodies as stored by `prepare.ts`, read per request on the same engine
 *   and data as Loupe, the cheapest honest way: one row by primary key (customer, summary)
 *   or 21 rows by an index (list page 1), or a passport's public answer and ETag by its code,
 *   each through a prepared statement (pg: a named
 *   query; PGlite: a named statement bound and executed in one protocol round).
 *
 * Prints `READY <port>` once listening.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { parse as pgliteParse, protocol } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { openPglite } from '../src/core/db/pglite.js';
import type { PreparedBench } from './prepare.js';
import { LIST_LIMIT, listPageBody } from './targets.js';

const { values } = parseArgs({
  options: { mode: { type: 'string' }, prepared: { type: 'string' } },
});
const prepared = JSON.parse(readFileSync(values.prepared!, 'utf8')) as PreparedBench;
const tenantId = prepared.tenantId;

/** Runs a prepared statement by name with text parameters; returns its rows. */
type Statement = (params: string[]) => Promise<Record<string, string>[]>;
interface Reader {
  prepare(name: string, text: string): Promise<Statement>;
  close(): Promise<void>;
}

let close = async () => {};

async function postgresReader(url: string): Promise<Reader> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    async prepare(name, text) {
      return async (params) => (await pool.query({ name, text, values: params })).rows;
    },
    close: () => pool.end(),
  };
}

async function pgliteReader(dataDir: string): Promise<Reader> {
  const { pglite } = await openPglite({ dataDir });
  const { serialize } = protocol;
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const run = (message: Uint8Array) =>
    pglite.runExclusive(() => pglite.execProtocolStream(message, { syncToFs: false }));
  return {
    async prepare(name, text) {
      await run(
        concat([
          serialize.parse({ name, text }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
      );
      return async (params) => {
        const messages = await run(
          concat([
            serialize.bind({ statement: name, values: params }),
            serialize.describe({ type: 'P' }),
            serialize.execute({}),
            serialize.sync(),
          ]),
        );
        return pgliteParse.parseResults(messages, pglite.parsers)[0]!.rows as Record<
          string,
          string
        >[];
      };
    },
    close: () => pglite.close(),
  };
}

const json = { 'content-type': 'application/json' };
/** Loupe's verify answers must be revalidated (a stolen report shows at once): the floor says so too. */
const publicHeaders = { 'cache-control': 'no-cache' };

async function floorApp(): Promise<Hono> {
  if (values.mode === 'static') {
    const bodies = new Map(Object.entries(prepared.bodies));
    const list = bodies.get('/v1/customers?limit=20')!;
    return new Hono()
      .get('/v1/customers', (c) => c.body(list, 200, json))
      .get('/v1/customers/:id', (c) => c.body(bodies.get(c.req.path) ?? '', 200, json))
      .get('/v1/customers/:id/summary', (c) => c.body(bodies.get(c.req.path) ?? '', 200, json))
      .get('/v1/public/passports/:code', (c) =>
        c.body(bodies.get(c.req.path) ?? '', 200, { ...json, ...publicHeaders }),
      );
  }
  const target = prepared.target;
  const reader =
    target.engine === 'postgres'
      ? await postgresReader(target.url)
      : await pgliteReader(target.dataDir);
  close = () => reader.close();
  const customer = await reader.prepare(
    'floor_customer',
    'SELECT body FROM bench_floor_customers WHERE tenant_id = $1 AND id = $2',
  );
  const summary = await reader.prepare(
    'floor_summary',
    'SELECT body FROM bench_floor_summaries WHERE tenant_id = $1 AND id = $2',
  );
  const recent = await reader.prepare(
    'floor_recent',
    `SELECT body, list_cursor FROM bench_floor_customers WHERE tenant_id = $1
      ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT + 1}`,
  );
  const passport = await reader.prepare(
    'floor_passport',
    'SELECT body, etag FROM bench_floor_passports WHERE code = $1',
  );
  const one = (rows: Record<string, string>[]) => rows[0]?.body;
  return new Hono()
    .get('/v1/customers', async (c) => {
      const rows = (await recent([tenantId])) as { body: string; list_cursor: string }[];
      return c.body(listPageBody(rows, LIST_LIMIT), 200, json);
    })
    .get('/v1/customers/:id', async (c) => {
      const body = one(await customer([tenantId, c.req.param('id')]));
      return body ? c.body(body, 200, json) : c.body('{}', 404, json);
    })
    .get('/v1/customers/:id/summary', async (c) => {
      const body = one(await summary([tenantId, c.req.param('id')]));
      return body ? c.body(body, 200, json) : c.body('{}', 404, json);
    })
    .get('/v1/public/passports/:code', async (c) => {
      const row = (await passport([c.req.param('code')]))[0];
      return row
        ? c.body(row.body!, 200, { ...json, ...publicHeaders, etag: row.etag! })
        : c.body('{}', 404, json);
    });
}

const app = await floorApp();
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  void close().finally(() => process.exit(0));
});
