/**
 * Test harness: an app over a fresh database per test file.
 *
 * - default: in-memory PGlite cloned from a migrated template (the template tarball is cached
 *   in the OS temp folder, keyed by the migration files, so most files skip migrating);
 * - `LOUPE_TEST_ENGINE=postgres` with `TEST_DATABASE_URL`: PostgreSQL, in a fresh schema that
 *   `close()` drops.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices, type OwnedServices } from '../src/core/create-services.js';
import { migrate, readMigrations } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import type { AppEnv } from '../src/core/hono-env.js';
import type { Logger } from '../src/core/logger.js';
import type { RateLimiter } from '../src/core/middleware/rate-limit.js';
import { DEMO_WIDGET_ENTRIES, DEMO_WIDGET_STYLESHEET } from '../src/pages/widgets/dir.js';

/** The platform key every test context accepts. */
export const TEST_PLATFORM_KEY = 'lpk_test_platform_key_0123456789abcdef';

/** A clock tests can move forward. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

/** A response, read once. */
export interface TestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or null when the body isn't JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely and assert them.
  json: any;
  text: string;
}

/** Options for one request. */
export interface RequestOptions {
  /** Bearer credential. */
  key?: string;
  /** Serialised as JSON (a string or bytes are sent as they are). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A tenant made through the platform route. */
export interface TestTenant {
  id: string;
  ownerKey: string;
  publishableKey: string;
  tenant: Record<string, unknown>;
}

export interface TestContext {
  engine: 'pglite' | 'postgres';
  app: OpenAPIHono<AppEnv>;
  services: OwnedServices;
  clock: TestClock;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** Another app over the same database, as a second server process would be. */
  anotherInstance(options?: Pick<TestContextOptions, 'beforeApp'>): Promise<{
    services: OwnedServices;
    request: TestContext['request'];
    close(): Promise<void>;
  }>;
  /** POST /v1/platform/tenants; `fields` go in the body. */
  createTenant(fields?: Record<string, unknown>): Promise<TestTenant>;
  /** POST /v1/keys with the given owner key; returns the new secret key. */
  createKey(ownerKey: string, fields: Record<string, unknown>): Promise<string>;
  /**
   * A second app instance over the same database (on PostgreSQL its own pool), with its own
   * services and caches, as another server process would be. Closed by `close()`.
   */
  createPeer(): Promise<TestPeer>;
  close(): Promise<void>;
}

/** Another instance of the app beside a test context's, sharing its database. */
export interface TestPeer {
  app: OpenAPIHono<AppEnv>;
  services: OwnedServices;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface TestContextOptions {
  rateLimiter?: RateLimiter;
  /** Redis key prefix of the rate limits, shared with peers (isolates a test in Redis). */
  rateLimitKeyPrefix?: string;
  /** Replaces the (silent) logger; tests of the request log read its lines. */
  logger?: Logger;
  /**
   * Runs on the services before `createApp`: a background worker added here takes the place
   * of the app's own one of the same name (tests drive the import worker this way).
   */
  beforeApp?: (services: OwnedServices) => void;
  /** Adds test-only routes before the first request (Hono can't add them later). */
  configure?: (app: OpenAPIHono<AppEnv>) => void;
  env?: Record<string, string>;
}

/** Builds an app over a fresh database. Call `close()` when the file's tests end. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const engine = process.env.LOUPE_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  const config = loadConfig({
    LOUPE_DATA: 'memory',
    LOUPE_PLATFORM_KEY: TEST_PLATFORM_KEY,
    LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
    LOUPE_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });

  let db: Database;
  let dropSchema: (() => Promise<void>) | null = null;
  let openPeerDb: () => Database;
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('LOUPE_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const schema = `loupe_test_${randomBytes(6).toString('hex')}`;
    await preparePostgres(url, schema);
    const pgDb = openPostgres({ url, schema, max: 5 });
    await migrate(pgDb);
    db = pgDb;
    openPeerDb = () => openPostgres({ url, schema, max: 5 });
    dropSchema = async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    };
  } else {
    const embedded = await openPglite({ dataDir: null, loadDataDir: await pgliteTemplate() });
    db = embedded;
    // One in-process engine: a peer shares it, and leaves closing it to this context.
    openPeerDb = () => ({ ...embedded, close: async () => {} });
  }

  let offset = 0;
  const clock: TestClock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  const services = await createServices(config, {
    db,
    clock,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.rateLimitKeyPrefix ? { rateLimitKeyPrefix: options.rateLimitKeyPrefix } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  options.beforeApp?.(services);
  const app = createApp(services);
  options.configure?.(app);
  const peers: OwnedServices[] = [];

  const request = requestTo(app);

  return {
    engine,
    app,
    services,
    clock,
    request,
    async createTenant(fields = {}) {
      const res = await request('POST', '/v1/platform/tenants', {
        key: TEST_PLATFORM_KEY,
        body: { name: 'Test Jewellers', currency: 'AUD', country: 'AU', ...fields },
      });
      if (res.status !== 201) throw new Error(`createTenant failed: ${res.status} ${res.text}`);
      return {
        id: res.json.tenant.id,
        ownerKey: res.json.owner_key,
        publishableKey: res.json.publishable_key,
        tenant: res.json.tenant,
      };
    },
    async createKey(ownerKey, fields) {
      const res = await request('POST', '/v1/keys', { key: ownerKey, body: fields });
      if (res.status !== 201) throw new Error(`createKey failed: ${res.status} ${res.text}`);
      return res.json.key as string;
    },
    async createPeer() {
      const peer = await createServices(config, {
        db: openPeerDb(),
        clock,
        ...(options.rateLimitKeyPrefix ? { rateLimitKeyPrefix: options.rateLimitKeyPrefix } : {}),
      });
      peers.push(peer);
      const peerApp = createApp(peer);
      return { app: peerApp, services: peer, request: requestTo(peerApp) };
    },
    async anotherInstance(instanceOptions = {}) {
      // Same database and keys, its own caches and workers; closing it leaves the database open.
      const shared: Database = { ...db, close: async () => {} };
      const other = await createServices(config, { db: shared, clock });
      instanceOptions.beforeApp?.(other);
      const otherApp = createApp(other);
      return { services: other, request: requestTo(otherApp), close: () => other.close() };
    },
    async close() {
      for (const peer of peers) await peer.close();
      await services.close();
      await dropSchema?.();
    },
  };
}

/** Sends requests to one app, reading each response once. */
function requestTo(app: OpenAPIHono<AppEnv>) {
  return async (method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (opts.body !== undefined) {
      body =
        typeof opts.body === 'string'
          ? opts.body
          : opts.body instanceof Uint8Array
            ? new Uint8Array(opts.body)
            : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
}

/** A migrated, empty PGlite data dir as a tarball; built once per migration set. */
let templatePromise: Promise<Blob> | undefined;
function pgliteTemplate(): Promise<Blob> {
  templatePromise ??= (async () => {
    const migrations = await readMigrations();
    const hash = createHash('sha256');
    for (const m of migrations) hash.update(m.name).update(m.sql);
    const file = join(tmpdir(), `loupe-test-template-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await openPglite({ dataDir: null });
    await migrate(db, migrations);
    const dump = await db.pglite.dumpDataDir('none');
    await db.close();
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Write then rename, so a parallel test file never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return new Blob([bytes]);
  })();
  return templatePromise;
}

/** Creates the test schema, and pg_trgm once per database (under a lock: files run in parallel). */
async function preparePostgres(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext('loupe:test:extensions'))`);
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await admin.query(`SELECT pg_advisory_unlock(hashtext('loupe:test:extensions'))`);
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
}

/**
 * A stand-in for the widgets' CDN build (every entry the demo page loads, and one chunk), so
 * a test of the demo page doesn't depend on whether, or when, the real bundle was built:
 * another test file may be rebuilding it at the same moment. The caller removes the folder.
 */
export function fakeWidgetBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-widgets-'));
  for (const entry of DEMO_WIDGET_ENTRIES)
    writeFileSync(join(dir, entry), `export const tag = '${entry}';\n`);
  writeFileSync(join(dir, DEMO_WIDGET_STYLESHEET), 'loupe-customer-hero { display: block; }\n');
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'chunks', 'lit.js'), 'export {};\n');
  return dir;
}
