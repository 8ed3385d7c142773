#!/usr/bin/env node
// Copies the server's passport-code module (pure, no imports) into the SDK, so the verifier
// widget and SDK users check a typed code with the server's own rules. `--check` fails when
// the committed copy differs. Usage: pnpm --filter @loupe/sdk generate (writes), check:types.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, '../server/src/resources/passports/code.ts');
const target = join(root, 'src/generated/passport-code.gen.ts');
const HEADER =
  '// Generated from packages/server/src/resources/passports/code.ts by `pnpm --filter @loupe/sdk generate`; do not edit.\n';

const fresh = HEADER + readFileSync(source, 'utf8');
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {}
  if (committed !== fresh) {
    console.error('src/generated/passport-code.gen.ts is out of date with the server’s code.ts.');
    console.error('Run `pnpm --filter @loupe/sdk generate` and commit the result.');
    process.exit(1);
  }
  console.log('The SDK’s passport-code copy matches the server’s.');
} else {
  writeFileSync(target, fresh);
}
