// Writes package.json's version into src/version.ts, so the built code knows which Loupe it is
// (`define()` warns when another version already registered a tag). Runs before each build, so
// a `changeset version` bump reaches the published files.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const file = new URL('src/version.ts', root);
const source = readFileSync(file, 'utf8');
const next = source.replace(/VERSION = '[^']*'/, `VERSION = '${version}'`);
if (next !== source) {
  writeFileSync(file, next);
  console.log(`src/version.ts: ${version}`);
}
