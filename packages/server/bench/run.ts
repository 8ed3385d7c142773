/**
 * `pnpm bench`: seeds a tenant on each engine and prints latency and throughput for the
 * customer endpoints beside two floors measured the same way on the same engine — a bare
 * Hono route returning a static body, and a bare Hono route reading one customer row by
 * primary key — then the widget bundle sizes. Figures, never assertions.
 *
 *   pnpm bench                           100k customers, PGlite and PostgreSQL
 *   pnpm bench -- --customers 1000000    1M
 *   pnpm bench -- --engine pglite --duration 5 --connections 10
 *
 * PostgreSQL: the server in BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * the data goes into a `loupe_bench` database, one schema per size, kept between runs so a
 * second run of the same size skips seeding.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, type LoadResult, measure } from './load.js';
import type { TargetReady } from './target.js';

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const customers = Number(values.customers);
const durationSeconds = Number(values.duration);
const connections = Number(values.connections);
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Starts bench/target.ts in its own process and waits for its "ready" line. */
async function startTarget(engine: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(here, 'target.ts'),
      '--engine',
      engine,
      '--customers',
      String(customers),
    ],
    {
      env: { ...process.env, BENCH_DATABASE_URL: postgresUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<TargetReady>((resolveReady, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolveReady(JSON.parse(line.slice(6)) as TargetReady);
      else process.stderr.write(`  ${line}\n`);
    });
    child.on('exit', (code) => reject(new Error(`bench target for ${engine} exited with ${code}`)));
  });
  return { ready, stop: () => child.kill('SIGTERM') };
}

async function benchEngine(engine: string): Promise<void> {
  process.stdout.write(
    `\n## ${engine} — ${customers.toLocaleString('en')} customers, ${connections} connections, ${durationSeconds}s each\n`,
  );
  const { ready, stop } = await startTarget(engine);
  try {
    const auth = { authorization: `Bearer ${ready.key}` };
    const run = (
      name: string,
      url: string,
      paths: readonly string[],
      headers: Record<string, string> = auth,
      concurrency = connections,
    ) => measure({ name, url, paths, headers, durationSeconds, connections: concurrency });
    const searchPaths = ready.searches.map((q) => `/v1/customers?q=${encodeURIComponent(q)}`);
    const staticFloor = await run('floor: static', ready.floorUrl, ['/static'], {});
    const readFloor = await run(
      'floor: pk read',
      ready.floorUrl,
      ready.ids.map((id) => `/customers/${id}`),
      {},
    );
    const results: LoadResult[] = [
      await run(
        'get customer',
        ready.loupeUrl,
        ready.ids.map((id) => `/v1/customers/${id}`),
      ),
      await run(
        'summary',
        ready.loupeUrl,
        ready.ids.map((id) => `/v1/customers/${id}/summary`),
      ),
      await run('search', ready.loupeUrl, searchPaths),
      // One query at a time: the latency of a search itself, without queueing behind others.
      await run('search, 1 connection', ready.loupeUrl, searchPaths, auth, 1),
      await run('list', ready.loupeUrl, ['/v1/customers?limit=20']),
    ];
    process.stdout.write(`${formatTable([staticFloor, readFloor, ...results], readFloor)}\n`);
    const share = (results[0]!.requestsPerSecond / readFloor.requestsPerSecond) * 100;
    process.stdout.write(
      `get customer runs at ${share.toFixed(0)} % of the primary-key floor (aim: at least 60 %)\n`,
    );
    process.stdout.write(
      `search p99 ${results[3]!.p99Ms.toFixed(1)} ms one at a time, ${results[2]!.p99Ms.toFixed(1)} ms with ${connections} connections (aim at 1M on PostgreSQL: under 25 ms)\n`,
    );
  } finally {
    stop();
  }
}

for (const engine of engines) await benchEngine(engine);

process.stdout.write('\n## Widget bundles (CDN build)\n');
const widgets = resolve(here, '../../widgets');
spawnSync('node', ['scripts/build-cdn.mjs'], { cwd: widgets, stdio: 'ignore' });
spawnSync('node', ['scripts/size-report.mjs'], { cwd: widgets, stdio: 'inherit' });
