/**
 * The longest wait of a GET behind a 10,000-row CSV import on PGlite. A server process (this
 * file with `--serve`) holds an in-memory PGlite with two tenants; this process posts the
 * import for one of them and, until the job completes, keeps one `GET /health` and one
 * `GET /v1/customers/{id}` of the other tenant in flight, each sent as soon as the last
 * answered. The same two loops run first for `--baseline` seconds with no import, so the
 * figures can be read against what this machine gives without one (a loaded machine slows
 * both). Prints p50, p99 and max of each, the load average, and the import's own duration.
 * Figures, never assertions.
 *
 *   node --import tsx bench/import-latency.ts [--rows 10000] [--baseline 15]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { createTenant } from '../src/resources/tenant/create-tenant.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    baseline: { type: 'string', default: '15' },
    serve: { type: 'boolean' },
  },
});

interface Ready {
  url: string;
  importerKey: string;
  readerKey: string;
  customerId: string;
}

/** The server: PGlite in memory, migrated, two tenants; prints `READY {json}`. */
async function runServer(): Promise<void> {
  const config = loadConfig({
    LOUPE_DATA: 'memory',
    LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
    LOUPE_RATE_LIMIT_PER_MINUTE: '0',
    LOUPE_DEMO: '0',
    LOG_LEVEL: 'silent',
  });
  const db = await openPglite({ dataDir: null });
  await migrate(db);
  const services = await createServices(config, { db });
  const importer = await createTenant(services, {
    name: 'Importer',
    currency: 'AUD',
    country: 'AU',
  });
  const reader = await createTenant(services, { name: 'Reader', currency: 'AUD', country: 'AU' });
  const app = createApp(services);
  const created = await app.request('/v1/customers', {
    method: 'POST',
    headers: { Authorization: `Bearer ${reader.owner_key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ first_name: 'Reader', email: 'reader@example.com' }),
  });
  const customer = (await created.json()) as { id: string };
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    const ready: Ready = {
      url: `http://127.0.0.1:${(info as AddressInfo).port}`,
      importerKey: importer.owner_key,
      readerKey: reader.owner_key,
      customerId: customer.id,
    };
    process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  });
  process.on('SIGTERM', () => server.close(() => services.close().then(() => process.exit(0))));
}

function csv(rows: number): string {
  const lines = [
    'first_name,last_name,email,mobile,address_line1,address_suburb,address_postcode,tags',
  ];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `Given${i},Family${i},bench${i}@example.com,0412 ${String(100000 + i).slice(-6)},${i} George St,Sydney,2000,VIP;Bridal`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(): Promise<void> {
  const rows = Number(values.rows);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<Ready>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });

  const latencies = async (until: Promise<unknown>) => {
    let done = false;
    until.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    const times: Record<'health' | 'customer', number[]> = { health: [], customer: [] };
    const loop = async (name: 'health' | 'customer', path: string, key?: string) => {
      while (!done) {
        const sent = performance.now();
        const res = await fetch(`${ready.url}${path}`, {
          headers: key ? { Authorization: `Bearer ${key}` } : {},
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        times[name].push(performance.now() - sent);
      }
    };
    await Promise.all([
      until,
      loop('health', '/health'),
      loop('customer', `/v1/customers/${ready.customerId}`, ready.readerKey),
    ]);
    return times;
  };

  const baselineLoad = loadavg()[0]!;
  const idle = await latencies(
    new Promise((resolve) => setTimeout(resolve, Number(values.baseline) * 1000)),
  );

  const startedAt = performance.now();
  let postMs = 0;
  let final: { status: string; rows_created: number; rows_failed: number } | undefined;
  const importing = (async () => {
    const posted = await fetch(`${ready.url}/v1/customers/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ready.importerKey}`, 'Content-Type': 'text/csv' },
      body: csv(rows),
    });
    postMs = performance.now() - startedAt;
    if (posted.status !== 202) throw new Error(`import answered ${posted.status}`);
    const job = (await posted.json()) as { id: string };
    for (;;) {
      const res = await fetch(`${ready.url}/v1/customers/imports/${job.id}?limit=1`, {
        headers: { Authorization: `Bearer ${ready.importerKey}` },
      });
      const state = (await res.json()) as NonNullable<typeof final>;
      if (state.status !== 'queued' && state.status !== 'running') {
        final = state;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const during = await latencies(importing);
  const importMs = performance.now() - startedAt;
  const duringLoad = loadavg()[0]!;
  child.kill('SIGTERM');

  process.stdout.write(
    `\nCSV import of ${rows} rows on PGlite: ${final?.status}, ${final?.rows_created} created, ${final?.rows_failed} failed, ` +
      `${(importMs / 1000).toFixed(1)} s (POST answered in ${postMs.toFixed(0)} ms). ` +
      `Load average ${baselineLoad.toFixed(1)} before, ${duringLoad.toFixed(1)} after, on ${cpus().length} CPUs.\n\n` +
      '| GET | while | requests | p50 ms | p99 ms | max ms |\n| --- | --- | ---: | ---: | ---: | ---: |\n',
  );
  for (const [name, path] of [
    ['health', 'GET /health'],
    ['customer', "GET /v1/customers/{id} (another tenant's)"],
  ] as const) {
    for (const [phase, times] of [
      ['no import', idle],
      [`${rows}-row import`, during],
    ] as const) {
      const sorted = [...times[name]].sort((a, b) => a - b);
      process.stdout.write(
        `| ${path} | ${phase} | ${sorted.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${sorted[sorted.length - 1]?.toFixed(1)} |\n`,
      );
    }
  }
}

if (values.serve) await runServer();
else await measure();
