/**
 * What the server's Chromium tests share: the system browser (CI installs it; a skip says so
 * loudly), the widget bundle as `pnpm start` builds it, and the app served on a real port so
 * pages load over HTTP like anyone's would.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import puppeteer, { type Browser } from 'puppeteer-core';
import { defaultWidgetsDir, widgetBundleIsBuilt } from '../src/pages/widgets/dir.js';
import type { TestContext } from './harness.js';

export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
/** As root Chromium needs --no-sandbox; the rest keep it off a network this machine can't reach. */
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True (and said on stderr, loud on purpose: CI has Chromium) when there is no browser. */
export function chromeMissing(what: string): boolean {
  if (existsSync(CHROME)) return false;
  process.stderr.write(
    `\n!!! SKIPPING ${what}: no browser at ${CHROME} (apt-get install chromium, or set CHROME_PATH) !!!\n\n`,
  );
  return true;
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
}

/**
 * The widget bundle's folder, built first when it isn't (`scripts/test.mjs` builds it once
 * before a run that includes a Chromium file, so files running side by side don't both build).
 */
export function widgetBundle(): string {
  const dir = defaultWidgetsDir();
  if (!widgetBundleIsBuilt(dir)) {
    const built = spawnSync('pnpm', ['--filter', '@loupe/widgets', 'build:cdn'], {
      encoding: 'utf8',
    });
    assert.equal(built.status, 0, `build:cdn failed:\n${built.stdout}${built.stderr}`);
  }
  return dir;
}

/** Serves a test context's app on 127.0.0.1 at a free port; resolves with its origin. */
export async function serveOnPort(
  ctx: TestContext,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: 0 });
  const url = await new Promise<string>((resolve) => {
    server.once('listening', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
