/**
 * The processes a bench runs beside its load generator, and what it reads of them from the
 * outside: the Loupe server as `pnpm start` runs it (with the probe preloaded), its resident
 * memory and its CPU time; the bench customers on PostgreSQL. Shared by `run.ts` (the
 * customer routes), `sales.ts` and `relationship.ts`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreparedBench } from './prepare.js';
import type { ProbeStats } from './probe.js';
import { type BenchTarget, benchDataDir } from './targets.js';

const here = dirname(fileURLToPath(import.meta.url));
export const serverRoot = resolve(here, '..');

/** Raised when a run can't give an honest figure; the run stops and says why. */
export class BenchFailure extends Error {}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** SIGTERM (Loupe drains), then SIGKILL after 20 s. */
export function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null) return resolveStop();
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolveStop();
      });
      child.kill('SIGTERM');
    });
}

export interface LoupeProcessOptions {
  target: BenchTarget;
  masterKey: string;
  /** Where the server's stdout and stderr (its request log) go. */
  log: string;
  /** Set to write a `.cpuprofile` there on exit. */
  cpuProfileDir?: string;
  /** Variables that replace the bench's defaults (e.g. the public rate limit back on). */
  env?: Record<string, string>;
}

/**
 * The Loupe server as `pnpm start` runs it (`node --import tsx src/main.ts`), with
 * LOUPE_DEMO=0, rate limiting off (the public routes' limit too), the default log level, and `probe.ts` preloaded to report
 * event-loop delay and memory over IPC; resolves once `/health` answers.
 */
export async function startLoupe(options: LoupeProcessOptions): Promise<Running> {
  const port = await freePort();
  const logFd = openSync(options.log, 'w');
  const { target } = options;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    LOUPE_MASTER_KEY: options.masterKey,
    LOUPE_DEMO: '0',
    LOUPE_RATE_LIMIT_PER_MINUTE: '0',
    LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    ...(target.engine === 'postgres'
      ? { DATABASE_URL: target.url }
      : { LOUPE_DATA: target.dataDir }),
    ...options.env,
  };
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', resolve(here, 'probe.ts'), ...profile, 'src/main.ts'],
    { cwd: serverRoot, env, stdio: ['ignore', logFd, logFd, 'ipc'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new BenchFailure(`Loupe exited (${child.exitCode}); see ${options.log}`);
    }
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new BenchFailure(`Loupe did not start; see ${options.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stop: stopper(child) };
}

/** The probe's figures since the last `reset`. */
export function probeStats(child: ChildProcess): Promise<ProbeStats> {
  return new Promise((resolveStats) => {
    child.once('message', (stats) => resolveStats(stats as ProbeStats));
    child.send('stats');
  });
}

/** Samples a process's resident memory from /proc while a figure is taken; returns the peak. */
export function sampleRss(pid: number) {
  let peak = 0;
  const read = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // The process is gone; the figure so far stands.
    }
  };
  read();
  const timer = setInterval(read, 200);
  return () => {
    clearInterval(timer);
    read();
    return peak;
  };
}

const CLOCK_TICKS = Number(
  spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || '100',
);

/**
 * The CPU time a process spends from now until the returned function is called (user +
 * system, from /proc/<pid>/stat, in ms). Less disturbed by a busy machine than req/s: it is
 * what one request costs the server, however long it waited for a core.
 */
export function cpuTime(pid: number) {
  const read = () => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return Number.NaN;
    }
  };
  const start = read();
  return () => read() - start;
}

/** The bench customers on PostgreSQL (`prepare.ts` without floors), seeded or reused. */
export function prepareCustomers(customers: number): PreparedBench {
  const file = resolve(benchDataDir, `prepared-postgres-${customers}.json`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(serverRoot, 'bench/prepare.ts'),
      '--engine',
      'postgres',
      '--customers',
      String(customers),
      '--out',
      file,
      '--no-floors',
    ],
    { cwd: serverRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) throw new BenchFailure('preparing the customers failed');
  return JSON.parse(readFileSync(file, 'utf8')) as PreparedBench;
}
