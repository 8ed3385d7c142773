/**
 * The widgets' CDN build bundles the SDK minified, and minifiers rename classes. Error names
 * must survive that: `error.name` is what a log line, an error tracker and a `String(error)`
 * show. This builds the SDK the way the CDN build does and checks the names from the outside.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as Sdk from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ERROR_CLASSES = [
  'LoupeError',
  'ValidationError',
  'AuthenticationError',
  'PermissionError',
  'NotFoundError',
  'ConflictError',
  'VersionConflictError',
  'RateLimitError',
  'APIError',
  'ConnectionError',
] as const;

let scratch: string;
let code: string;
let sdk: typeof Sdk;

before(async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2021',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]?.text ?? '';
  scratch = await mkdtemp(join(tmpdir(), 'loupe-sdk-minified-'));
  const file = join(scratch, 'sdk.min.mjs');
  await writeFile(file, code);
  sdk = (await import(pathToFileURL(file).href)) as typeof Sdk;
});
after(() => rm(scratch, { recursive: true, force: true }));

describe('the SDK minified', () => {
  it('really renames its classes (or this test would prove nothing)', () => {
    assert.doesNotMatch(code, /class ConflictError\b/);
  });

  it('every error class keeps its name', () => {
    for (const name of ERROR_CLASSES) {
      const error = new sdk[name]({
        status: null,
        code: 'x',
        title: 't',
        detail: 'd',
        requestId: null,
      });
      assert.equal(error.name, name);
      assert.equal(String(error), `${name}: d`);
    }
  });

  it('a 409 from the server is thrown as a ConflictError by name', async () => {
    const loupe = sdk.createLoupe({
      baseUrl: 'https://loupe.test',
      apiKey: 'sk_test',
      fetch: async () =>
        new Response(
          JSON.stringify({
            status: 409,
            code: 'customer_email_taken',
            title: 'Email taken',
            detail: 'Taken',
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
    });

    const error = await loupe.customers
      .create({ first_name: 'Mei' })
      .catch((thrown: unknown) => thrown);

    assert.ok(error instanceof sdk.ConflictError);
    assert.equal(error.name, 'ConflictError');
  });
});
