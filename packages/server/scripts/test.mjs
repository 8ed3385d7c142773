// Runs every server test file on PGlite, then again on PostgreSQL when TEST_DATABASE_URL is
// set. Exits non-zero if either run fails. Extra arguments select test files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const args = process.argv.slice(2);
const files =
  args.length > 0
    ? args
    : readdirSync('test')
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => `test/${f}`);

// The Chromium files load the widget bundle as `pnpm start` serves it: build it once, fresh
// from the source, before files that run side by side could each find it missing and build it.
if (files.some((f) => f.includes('chromium'))) {
  const built = spawnSync('pnpm', ['--filter', '@loupe/widgets', 'build:cdn'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const engines = ['pglite'];
if (process.env.TEST_DATABASE_URL) engines.push('postgres');

let failed = false;
for (const engine of engines) {
  process.stdout.write(`\n── server tests on ${engine} ──\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
    { stdio: 'inherit', env: { ...process.env, LOUPE_TEST_ENGINE: engine } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
