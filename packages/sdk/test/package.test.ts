/**
 * The SDK as an outsider installs it: `pnpm pack` (which builds first, through `prepack`),
 * the tarball linted by publint and Are the Types Wrong, then installed with npm into a
 * scratch project outside the repository and imported from ESM and from CommonJS.
 * Run alone with `pnpm --filter @loupe/sdk check:package`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(packageDir, 'node_modules/.bin', name);

let scratch: string;
let tarball: string;
let consumer: string;

/** Runs a command, failing the test with its output when it fails. */
async function sh(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    assert.fail(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-sdk-package-'));
  await sh('pnpm', ['pack', '--pack-destination', scratch], packageDir);
  const [name] = (await readdir(scratch)).filter((file) => file.endsWith('.tgz'));
  assert.ok(name, 'pnpm pack wrote a tarball');
  tarball = join(scratch, name);

  consumer = join(scratch, 'consumer');
  await mkdir(consumer);
  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  // ky comes from the registry (or npm's cache), as it would for any user.
  await sh(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
    consumer,
  );
});
after(() => rm(scratch, { recursive: true, force: true }));

/**
 * What each consumer does with the package: build a client, meet a 409 through an injected
 * fetch, and report what it caught.
 */
const useTheSdk = `
const loupe = createLoupe({
  baseUrl: 'https://loupe.test',
  apiKey: 'sk_test',
  fetch: async () => new Response(
    JSON.stringify({ status: 409, code: 'customer_email_taken', title: 'Taken', detail: 'Taken' }),
    { status: 409, headers: { 'content-type': 'application/problem+json' } },
  ),
});
loupe.customers.create({ first_name: 'Mei' }).catch((error) => {
  console.log(JSON.stringify({
    conflict: error instanceof ConflictError,
    name: error.name,
    code: error.code,
    refusesNoKey: (() => { try { createLoupe({ baseUrl: 'https://x.test' }); return false; } catch { return true; } })(),
  }));
});
`;

const expected = {
  conflict: true,
  name: 'ConflictError',
  code: 'customer_email_taken',
  refusesNoKey: true,
};

describe('the packed SDK', () => {
  it('ships the build and nothing that points outside the tarball', async () => {
    const listing = await sh('tar', ['tzf', tarball], scratch);
    const files = listing.trim().split('\n').sort();
    assert.deepEqual(files, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/index.cjs',
      'package/dist/index.cjs.map',
      'package/dist/index.d.cts',
      'package/dist/index.d.ts',
      'package/dist/index.js',
      'package/dist/index.js.map',
      'package/dist/passport-code.cjs',
      'package/dist/passport-code.cjs.map',
      'package/dist/passport-code.d.cts',
      'package/dist/passport-code.d.ts',
      'package/dist/passport-code.js',
      'package/dist/passport-code.js.map',
      'package/package.json',
      'package/passport-code/package.json',
    ]);
    const installed = join(consumer, 'node_modules/@loupe/sdk');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    // The repo's `loupe-source` condition (TypeScript source for the workspace) stays home.
    assert.doesNotMatch(JSON.stringify(manifest.exports), /loupe-source|src\//);
    assert.doesNotMatch(JSON.stringify(manifest.dependencies), /catalog:|workspace:/);
    // Source maps resolve on their own: every source they name has its content inline.
    for (const map of ['dist/index.js.map', 'dist/index.cjs.map']) {
      const { sources, sourcesContent } = JSON.parse(await readFile(join(installed, map), 'utf8'));
      assert.equal(sourcesContent?.length, sources.length, `${map} carries sourcesContent`);
      assert.ok(
        sourcesContent.every((content: unknown) => typeof content === 'string' && content !== ''),
        `${map}: every source has content`,
      );
    }
  });

  it('passes publint (strict) and Are the Types Wrong', async () => {
    await sh(bin('publint'), ['--strict', tarball], scratch);
    await sh(bin('attw'), ['--no-emoji', '--no-color', tarball], scratch);
  });

  it('imports from ESM', async () => {
    const file = join(consumer, 'esm.mjs');
    await writeFile(file, `import { ConflictError, createLoupe } from '@loupe/sdk';\n${useTheSdk}`);
    assert.deepEqual(JSON.parse(await sh(process.execPath, [file], consumer)), expected);
  });

  it('requires from CommonJS', async () => {
    const file = join(consumer, 'cjs.cjs');
    await writeFile(
      file,
      `const { ConflictError, createLoupe } = require('@loupe/sdk');\n${useTheSdk}`,
    );
    assert.deepEqual(JSON.parse(await sh(process.execPath, [file], consumer)), expected);
  });
});
