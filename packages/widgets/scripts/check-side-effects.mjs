// `sideEffects` in package.json names the modules a bundler must keep even when nothing is
// imported from them: each defines an element or registers its words. A module missing from
// the list lets a production build drop an element; an entry naming no module (a renamed
// file) protects nothing. Checks both ways against the source; `pnpm test` runs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const listed = new Set(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).sideEffects);

/** A statement at the top of a module that defines an element or registers words. */
const SIDE_EFFECT = /^(?:define\(|addMessages\(|[A-Z]\w*\.define\()/m;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

const problems = [];
const existing = new Set();
for (const file of sources(join(root, 'src'))) {
  const src = `./${relative(root, file)}`;
  const dist = src.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js');
  existing.add(src).add(dist);
  if (!SIDE_EFFECT.test(readFileSync(file, 'utf8'))) continue;
  for (const path of [src, dist]) {
    if (!listed.has(path))
      problems.push(`${path} defines or registers on import but is not listed`);
  }
}
for (const path of listed) {
  if (!existing.has(path)) problems.push(`${path} is listed but no such module exists`);
}

if (problems.length > 0) {
  console.error(`package.json sideEffects:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package.json sideEffects: ${listed.size} entries match the source`);
