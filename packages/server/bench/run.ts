/**
 * `pnpm bench`: Loupe measured as a user runs it, beside two floors answering the same bytes,
 * in one run, on the same engine and data. Figures, never assertions.
 *
 *   pnpm bench                                          100k customers, PGlite then PostgreSQL
 *   pnpm bench -- --customers 1000000 --engine postgres 1M (seeded once, about ten minutes)
 *   pnpm bench -- --engine pglite --duration 2 --warmup 1 --only get,summary
 *   pnpm bench -- --fresh                               seed again instead of reusing
 *   pnpm bench -- --cpu-prof                            Loupe writes a .cpuprofile on exit
 *   pnpm bench -- --engine postgres --only sales        the sales figures alone (sales.ts)
 *   pnpm bench -- --engine postgres --only relationship reminders and the email outbox (issue 12)
 *   pnpm bench -- --engine postgres --only webhooks     webhook deliveries per second and the delay
 *                                                       from a change to its delivery (issue 16)
 *   pnpm bench -- --only verify                         the public passport verify route (issue 14)
 *   pnpm bench -- --engine postgres --only segments     segment-filtered list page 1 and the
 *                                                       segment counts over the same 1M sales
 *
 * Per engine, each in a process of its own, one after the other (PGlite's data folder takes
 * one process at a time):
 * 1. `prepare.ts` seeds the data (or reuses it when the customer count matches) and renders
 *    the floor tables;
 * 2. `floor.ts --mode static`: the same response bytes from memory;
 * 3. `floor.ts --mode db`: the same bytes read per request by a prepared statement;
 * 4. Loupe: `node --import tsx src/main.ts` (what `pnpm start` runs) with LOUPE_DEMO=0,
 *    LOUPE_RATE_LIMIT_PER_MINUTE=0 and the default LOG_LEVEL (info, to a log file), with
 *    `probe.ts` preloaded to report event-loop delay and memory.
 * Each answers a sample of paths with the exact bytes the floor tables hold, checked before
 * anything is measured. autocannon drives the load from this process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LoadResult, markdownTable, measure } from './load.js';
import type { PreparedBench } from './prepare.js';
import type { ProbeStats } from './probe.js';
import {
  BenchFailure,
  cpuTime,
  probeStats,
  type Running,
  sampleRss,
  serverRoot,
  startLoupe,
  stopper,
} from './processes.js';
import { benchDataDir, LIST_PATH } from './targets.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataRoot = benchDataDir;

const { values } = parseArgs({
  // `pnpm bench -- --engine pglite` hands the script a literal `--`.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    customers: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    only: {
      type: 'string',
      default: 'get,summary,list,verify,search,sales,segments,relationship,webhooks',
    },
    fresh: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const durationSeconds = Number(values.duration);
const warmupSeconds = Number(values.warmup);
const connections = Number(values.connections);
const only = new Set(values.only.split(','));
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine];
const out = (text: string) => process.stdout.write(`${text}\n`);
mkdirSync(dataRoot, { recursive: true });

/** Runs a bench script to completion, its progress on stderr. */
function prepare(engine: string, floors: boolean): PreparedBench {
  const file = resolve(dataRoot, `prepared-${engine}-${customers}.json`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(here, 'prepare.ts'),
      '--engine',
      engine,
      '--customers',
      String(customers),
      '--out',
      file,
      ...(values.fresh ? ['--fresh'] : []),
      ...(floors ? [] : ['--no-floors']),
    ],
    { cwd: serverRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) throw new BenchFailure(`preparing ${engine} failed`);
  return JSON.parse(readFileSync(file, 'utf8')) as PreparedBench;
}

/** A floor process; resolves once it prints `READY <port>`. */
async function startFloor(mode: 'static' | 'db', preparedFile: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(here, 'floor.ts'), '--mode', mode, '--prepared', preparedFile],
    { cwd: serverRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolveReady(line.slice(6));
    });
    child.once('exit', (code) => reject(new BenchFailure(`the ${mode} floor exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, stop: stopper(child) };
}

/** Checks a process answers each path with the floor's exact bytes before it is measured. */
async function assertSameBytes(
  who: string,
  url: string,
  paths: string[],
  expected: Record<string, string>,
  headers: Record<string, string>,
) {
  for (const path of paths) {
    const response = await fetch(`${url}${path}`, { headers });
    const body = await response.text();
    if (response.status !== 200 || body !== expected[path]) {
      const at = [...body].findIndex((ch, i) => ch !== expected[path]?.[i]);
      throw new BenchFailure(
        `${who} answered ${path} with ${response.status} and ${body.length} bytes that differ from the floor's ${expected[path]?.length} at ${at}:\n  got      ${body.slice(Math.max(0, at - 40), at + 80)}\n  expected ${expected[path]?.slice(Math.max(0, at - 40), at + 80)}`,
      );
    }
  }
}

interface Figure extends LoadResult {
  /** The server process's CPU time (user + system) per response, in ms. */
  cpuMsPerRequest?: number;
  rssPeak?: number;
  probe?: ProbeStats | null;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (r: LoadResult) => r.requestsPerSecond.toFixed(0);
const pct = (a: LoadResult | undefined, b: LoadResult | undefined) =>
  a && b ? `${((a.requestsPerSecond / b.requestsPerSecond) * 100).toFixed(0)} %` : '';

/** Throws (so no figure is printed) when any response of a figure wasn't a 2xx. */
function checked(figure: Figure): Figure {
  if (figure.failed > 0 || figure.total === 0) {
    throw new BenchFailure(
      `!!! ${figure.name}: ${figure.failed} of ${figure.total} responses were not 2xx (or failed); no figure is reported for this run`,
    );
  }
  return figure;
}

const verifyPath = (code: string) => `/v1/public/passports/${code}`;

/**
 * One client's allowance on the public verify route with the limit on, as a shopper's
 * address meets it: requests one after another until the first 429, and its `Retry-After`.
 */
async function verifyAllowance(prepared: PreparedBench, engine: string): Promise<string> {
  const limit = '60';
  const loupe = await startLoupe({
    target: prepared.target,
    masterKey: prepared.masterKey,
    log: resolve(dataRoot, `loupe-${engine}-limit.log`),
    // LOUPE_RATE_LIMIT_PER_MINUTE=0 would turn every limit off, the public one too.
    env: { LOUPE_RATE_LIMIT_PER_MINUTE: '6000', LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: limit },
  });
  try {
    const path = verifyPath(prepared.passportCodes[0]!);
    const started = Date.now();
    for (let sent = 1; sent <= 1_000; sent++) {
      const response = await fetch(`${loupe.url}${path}`);
      await response.arrayBuffer();
      if (response.status === 429) {
        return `LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE=${limit} (the default): one client got ${sent - 1} answers in ${((Date.now() - started) / 1000).toFixed(1)} s, then 429 with Retry-After: ${response.headers.get('retry-after')} s`;
      }
      if (response.status !== 200) throw new BenchFailure(`verify answered ${response.status}`);
    }
    return `LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE=${limit}: no 429 within 1,000 requests (the limit did not hold)`;
  } finally {
    await loupe.stop();
  }
}

async function benchEngine(engine: string): Promise<void> {
  out(
    `\n## ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${customers.toLocaleString('en')} customers\n`,
  );
  const routeKeys = ['get', 'summary', 'list', 'verify'].filter((key) => only.has(key));
  const prepared = prepare(engine, routeKeys.length > 0);
  const preparedFile = resolve(dataRoot, `prepared-${engine}-${customers}.json`);
  const ids = prepared.ids;
  const routes = [
    { key: 'get', name: 'GET customer', paths: ids.map((id) => `/v1/customers/${id}`) },
    { key: 'summary', name: 'GET /summary', paths: ids.map((id) => `/v1/customers/${id}/summary`) },
    { key: 'list', name: 'list page 1 (20)', paths: [LIST_PATH] },
    // The public verify route (issue 14): no credential, as a shopper's phone asks.
    {
      key: 'verify',
      name: 'public verify',
      paths: prepared.passportCodes.map(verifyPath),
      open: true,
    },
  ].filter((r) => only.has(r.key));
  // With no route beside its floor (`--only search`), nothing is compared and no floor runs.
  const checkPaths =
    routes.length === 0
      ? []
      : [
          ...ids
            .slice(0, 50)
            .flatMap((id) => [`/v1/customers/${id}`, `/v1/customers/${id}/summary`]),
          LIST_PATH,
        ];
  const openPaths = only.has('verify') ? prepared.passportCodes.slice(0, 50).map(verifyPath) : [];
  const take = (
    name: string,
    url: string,
    paths: readonly string[],
    headers = {},
    conns = connections,
    beforeMeasuring?: () => void,
  ) =>
    measure({
      name,
      url,
      paths,
      headers,
      durationSeconds,
      warmupSeconds,
      connections: conns,
      ...(beforeMeasuring ? { beforeMeasuring } : {}),
    });

  const figures: Record<string, Record<string, Figure>> = { static: {}, floor: {}, loupe: {} };
  for (const mode of routes.length > 0 ? (['static', 'db'] as const) : []) {
    const floor = await startFloor(mode, preparedFile);
    try {
      await assertSameBytes(
        `the ${mode} floor`,
        floor.url,
        [...checkPaths, ...openPaths],
        prepared.bodies,
        {},
      );
      for (const route of routes) {
        const who = mode === 'db' ? 'floor' : 'static';
        let cpu = () => Number.NaN;
        const figure: Figure = await take(
          `${who}: ${route.name}`,
          floor.url,
          route.paths,
          {},
          connections,
          () => {
            cpu = cpuTime(floor.child.pid!);
          },
        );
        figure.cpuMsPerRequest = cpu() / figure.total;
        figures[who]![route.key] = checked(figure);
      }
    } finally {
      await floor.stop();
    }
  }

  const loupe = await startLoupe({
    target: prepared.target,
    masterKey: prepared.masterKey,
    log: resolve(dataRoot, `loupe-${engine}.log`),
    ...(values['cpu-prof'] ? { cpuProfileDir: resolve(dataRoot, 'profiles') } : {}),
  });
  const auth = { authorization: `Bearer ${prepared.key}` };
  const searchPaths = prepared.searches.map((q) => `/v1/customers?q=${encodeURIComponent(q)}`);
  const searches: Figure[] = [];
  try {
    await assertSameBytes('Loupe', loupe.url, checkPaths, prepared.bodies, auth);
    await assertSameBytes('Loupe', loupe.url, openPaths, prepared.bodies, {});
    /** One Loupe figure with the server's own view of it: loop delay, memory, RSS peak. */
    const observed = async (
      name: string,
      paths: readonly string[],
      conns: number,
      headers: Record<string, string> = auth,
    ) => {
      let rss = () => 0;
      let cpu = () => Number.NaN;
      const figure: Figure = await take(name, loupe.url, paths, headers, conns, () => {
        loupe.child.send('reset');
        rss = sampleRss(loupe.child.pid!);
        cpu = cpuTime(loupe.child.pid!);
      });
      figure.cpuMsPerRequest = cpu() / figure.total;
      figure.rssPeak = rss();
      figure.probe = await probeStats(loupe.child);
      return checked(figure);
    };
    for (const route of routes) {
      figures.loupe![route.key] = await observed(
        `Loupe: ${route.name}`,
        route.paths,
        connections,
        'open' in route ? {} : auth,
      );
    }
    if (only.has('search')) {
      for (const conns of [1, connections])
        searches.push(await observed('search', searchPaths, conns));
    }
  } finally {
    await loupe.stop();
  }

  if (routes.length > 0)
    out(
      markdownTable(
        [
          'route',
          'static req/s',
          'floor req/s',
          'Loupe req/s',
          'Loupe / floor',
          'floor / static',
          'floor p50 / p99 ms',
          'Loupe p50 / p99 ms',
          'Loupe p99 ÷ p50',
        ],
        routes.map(({ key, name }) => {
          const s = figures.static![key]!;
          const f = figures.floor![key]!;
          const l = figures.loupe![key]!;
          return [
            name,
            rate(s),
            rate(f),
            rate(l),
            pct(l, f),
            pct(f, s),
            `${ms(f.p50Ms)} / ${ms(f.p99Ms)}`,
            `${ms(l.p50Ms)} / ${ms(l.p99Ms)}`,
            // autocannon reports whole milliseconds: below 1 ms the ratio means nothing.
            l.p50Ms >= 1 ? (l.p99Ms / l.p50Ms).toFixed(1) : 'p50 < 1 ms',
          ];
        }),
      ),
    );
  if (routes.length > 0) {
    const cpuMs = (f: Figure) => (f.cpuMsPerRequest ?? Number.NaN).toFixed(3);
    out(
      `\nCPU time per response in each server's process (user + system from /proc; ${engine === 'postgres' ? "PostgreSQL's own backends not included" : 'PGlite runs inside it'}), and the floor's share of Loupe's:\n`,
    );
    out(
      markdownTable(
        ['route', 'static ms', 'floor ms', 'Loupe ms', 'floor ÷ Loupe'],
        routes.map(({ key, name }) => {
          const f = figures.floor![key]!;
          const l = figures.loupe![key]!;
          return [
            name,
            cpuMs(figures.static![key]!),
            cpuMs(f),
            cpuMs(l),
            `${(((f.cpuMsPerRequest ?? 0) / (l.cpuMsPerRequest ?? 1)) * 100).toFixed(0)} %`,
          ];
        }),
      ),
    );
  }
  if (searches.length > 0) {
    out('');
    out(
      markdownTable(
        ['Loupe search (rotating 600 terms)', 'connections', 'req/s', 'p50 ms', 'p99 ms'],
        searches.map((s) => ['search', String(s.connections), rate(s), ms(s.p50Ms), ms(s.p99Ms)]),
      ),
    );
  }
  out(
    '\nThe Loupe server during each figure (event-loop delay from the preloaded probe; RSS peak sampled from /proc every 200 ms):\n',
  );
  const health = [
    ...routes.map((r) => ({ name: r.name, figure: figures.loupe![r.key]! })),
    ...searches.map((s) => ({ name: `search, ${s.connections} conn.`, figure: s })),
  ];
  out(
    markdownTable(
      ['figure', 'loop delay p50 / p99 / max ms', 'RSS peak', 'heap used', 'external + buffers'],
      health.map(({ name, figure }) => {
        const p = figure.probe;
        return [
          name,
          p
            ? `${ms(p.eventLoopDelay.p50)} / ${ms(p.eventLoopDelay.p99)} / ${ms(p.eventLoopDelay.max)}`
            : '',
          figure.rssPeak ? mb(figure.rssPeak) : '',
          p ? mb(p.memory.heapUsed) : '',
          p ? mb(p.memory.external + p.memory.arrayBuffers) : '',
        ];
      }),
    ),
  );
  if (only.has('verify')) {
    out(
      `\nPublic verify, one client with the limit on: ${await verifyAllowance(prepared, engine)}`,
    );
  }
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  encoding: 'utf8',
}).stdout.trim();
out(`# Loupe bench, ${new Date().toISOString()} (commit ${commit})\n`);
out(
  [
    `- machine: ${availableParallelism()} cores (os.availableParallelism), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`,
    `- load: autocannon in the runner's process, ${connections} connections (search also 1), ${durationSeconds} s per figure after a ${warmupSeconds} s warm-up; paths rotate through ${Math.min(1000, customers)} sampled customers`,
    `- Loupe: \`node --import tsx src/main.ts\` (what \`pnpm start\` runs) in its own process; LOUPE_RATE_LIMIT_PER_MINUTE=0 (rate limiting off), LOUPE_DEMO=0, LOG_LEVEL unset (info: one JSON line per request), logs to ${dataRoot}/loupe-<engine>.log`,
    '- floors: bare Hono, each in its own process: "static" answers the same bytes from memory; "floor" reads the same bytes, rendered once by Loupe, by a prepared statement (one row by primary key; list: 21 rows by an index; public verify: a passport\'s answer and ETag by its code, no credential sent)',
    "- every figure: all responses 2xx, and each server answered 101 sampled paths with the floor's exact bytes first",
  ].join('\n'),
);

let failed = false;
const customerRoutes = ['get', 'summary', 'list', 'verify', 'search'].some((key) => only.has(key));
for (const engine of customerRoutes ? engines : []) {
  try {
    await benchEngine(engine);
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    failed = true;
    out(`\n!!! ${engine}: ${error.message}\n`);
  }
}

// The sales figures (issue 10) and the segments figures (issue 12) need PostgreSQL and 1M
// sales: a bench of their own, sales.ts.
const salesFigures = ['sales', 'segments'].filter((key) => only.has(key));
if (salesFigures.length > 0 && engines.includes('postgres')) {
  const sales = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(here, 'sales.ts'),
      '--customers',
      String(customers),
      '--duration',
      String(durationSeconds),
      '--warmup',
      String(warmupSeconds),
      '--connections',
      String(connections),
      '--figures',
      salesFigures.join(','),
      ...(values.fresh ? ['--fresh'] : []),
    ],
    { cwd: serverRoot, stdio: 'inherit' },
  );
  if (sales.status !== 0) failed = true;
}

// Reminders and the email outbox (issue 12), on PostgreSQL: relationship.ts.
if (only.has('relationship') && engines.includes('postgres')) {
  const relationship = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(here, 'relationship.ts'),
      '--customers',
      String(customers),
      '--duration',
      String(durationSeconds),
      '--warmup',
      String(warmupSeconds),
      '--connections',
      String(connections),
    ],
    { cwd: serverRoot, stdio: 'inherit' },
  );
  if (relationship.status !== 0) failed = true;
}

// Webhook deliveries with two instances sharing the outbox (issue 16), on PostgreSQL: webhooks.ts.
if (only.has('webhooks') && engines.includes('postgres')) {
  const webhooks = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(here, 'webhooks.ts'), '--customers', String(customers)],
    { cwd: serverRoot, stdio: 'inherit' },
  );
  if (webhooks.status !== 0) failed = true;
}

out('\n## Widget bundles (CDN build)\n');
const widgets = resolve(serverRoot, '../widgets');
spawnSync('node', ['scripts/build-cdn.mjs'], { cwd: widgets, stdio: 'ignore' });
spawnSync('node', ['scripts/size-report.mjs'], { cwd: widgets, stdio: 'inherit' });
process.exit(failed ? 1 : 0);
