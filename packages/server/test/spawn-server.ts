/**
 * Runs the real server process (`src/main.ts` under tsx) with a chosen environment, for the
 * tests of what happens at start and at shutdown. Nothing is inherited from the test's own
 * environment except PATH and HOME, so a developer's DATABASE_URL or REDIS_URL can't leak in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A started server process and what it has written so far. */
export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the first stdout match of `pattern`; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Starts `tsx src/main.ts` with `env`; the process is killed after `timeoutMs` whatever happens. */
export function startServer(env: Record<string, string>, timeoutMs = 180_000): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (!match) return false;
          child.stdout?.off('data', check);
          resolve(match);
          return true;
        };
        if (check()) return;
        child.stdout?.on('data', check);
        void exited.then(() => {
          if (!check()) reject(new Error(`server exited before printing ${pattern}:\n${err}`));
        });
      });
    },
  };
}

/** Starts the server and waits for it to exit; for settings that must stop it. */
export async function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const server = startServer(env);
  const code = await server.exited;
  return { code, stdout: server.stdout(), stderr: server.stderr() };
}
