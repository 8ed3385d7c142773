#!/usr/bin/env node
// Fails when src/generated/openapi.gen.ts differs from what openapi-typescript makes of the
// server's OpenAPI document, i.e. when someone changed the API without regenerating the SDK.
// Usage: pnpm --filter @loupe/sdk check:types
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documentPath = join(root, '../server/openapi.json');
const committedPath = join(root, 'src/generated/openapi.gen.ts');
const generator = join(root, 'node_modules/.bin/openapi-typescript');

if (!existsSync(documentPath)) {
  console.error(`No OpenAPI document at ${relative(process.cwd(), documentPath)}.`);
  console.error('Write it first: pnpm --filter @loupe/server openapi');
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'loupe-sdk-types-'));
try {
  const freshPath = join(scratch, 'openapi.gen.ts');
  execFileSync(generator, [documentPath, '-o', freshPath], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const fresh = readFileSync(freshPath, 'utf8');
  const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : '';
  if (fresh !== committed) {
    console.error('src/generated/openapi.gen.ts is out of date with packages/server/openapi.json.');
    console.error('Run `pnpm --filter @loupe/sdk generate` and commit the result.');
    process.exit(1);
  }
  console.log('SDK types match the server’s OpenAPI document.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
