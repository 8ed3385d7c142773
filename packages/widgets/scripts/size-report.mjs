// Prints, per CDN entry, the entry's bytes on disk and its first-paint closure (the entry
// plus every chunk it imports statically, transitively) in bytes and gzipped bytes; chunks
// reached only through `import()` load on use and are listed apart. Exits 1 past a budget.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Shopify theme check `AssetSizeAppBlockJavaScript`: bytes on disk, before compression. */
const ENTRY_BUDGET = 10_000;
/** An element with everything it imports on first paint, gzipped. */
const FIRST_PAINT_GZIP_BUDGET = 15 * 1024;

const cdn = fileURLToPath(new URL('../dist/cdn/', import.meta.url));

// Static `import … from "x"`, `import "x"` and `export … from "x"`; not `import("x")`.
const staticImport = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file, pattern) {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(pattern)].map((match) => resolve(dirname(file), match[1]));
}

function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, staticImport)) visit(next);
  };
  visit(entry);
  return [...seen];
}

const bytes = (file) => readFileSync(file).length;
const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

let entries;
try {
  entries = readdirSync(cdn).filter((name) => name.endsWith('.js'));
} catch {
  console.error('No dist/cdn/: run `pnpm --filter @loupe/widgets build:cdn` first.');
  process.exit(1);
}

let failed = false;
console.log('entry                          entry B   first paint   gzipped   on use (gzipped)');
for (const name of entries.sort()) {
  const entry = join(cdn, name);
  const closure = staticClosure(entry);
  // Everything reachable on use, through `import()`s inside lazy chunks too (the customer
  // history's panels load through a map that is itself a lazy chunk).
  const lazyClosure = new Set();
  const pending = closure.flatMap((file) => importsOf(file, dynamicImport));
  while (pending.length) {
    for (const file of staticClosure(pending.pop())) {
      if (closure.includes(file) || lazyClosure.has(file)) continue;
      lazyClosure.add(file);
      pending.push(...importsOf(file, dynamicImport));
    }
  }

  const entryBytes = bytes(entry);
  const total = closure.reduce((sum, file) => sum + bytes(file), 0);
  const gzipped = closure.reduce((sum, file) => sum + gzipBytes(file), 0);
  const onUse = [...lazyClosure].reduce((sum, file) => sum + gzipBytes(file), 0);
  const over = [];
  if (entryBytes > ENTRY_BUDGET) over.push(`entry over ${ENTRY_BUDGET} B`);
  if (gzipped > FIRST_PAINT_GZIP_BUDGET)
    over.push(`first paint over ${kb(FIRST_PAINT_GZIP_BUDGET).trim()} gzipped`);
  failed ||= over.length > 0;
  console.log(
    `${name.padEnd(30)} ${String(entryBytes).padStart(7)} ${kb(total)} ${kb(gzipped)} ${kb(onUse)}` +
      `${over.length ? `   OVER BUDGET: ${over.join(', ')}` : ''}`,
  );
  for (const file of closure.slice(1)) {
    console.log(`  + ${relative(cdn, file).padEnd(36)} ${kb(bytes(file))} ${kb(gzipBytes(file))}`);
  }
}
console.log(
  `\nBudgets: entry ≤ ${ENTRY_BUDGET} bytes on disk (Shopify AssetSizeAppBlockJavaScript); ` +
    `first paint ≤ ${kb(FIRST_PAINT_GZIP_BUDGET).trim()} gzipped.`,
);
process.exit(failed ? 1 : 0);
