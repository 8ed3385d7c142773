// Copies the widgets' CDN build (packages/widgets/dist/cdn) into this extension's assets/.
// A theme app extension's assets folder is flat, so the shared chunks move up beside the
// entries and the entries' `./chunks/` imports are rewritten to `./`; Shopify serves every
// asset from one folder, so the module imports resolve there. Run after
// `pnpm --filter @loupe/widgets build:cdn` (this script builds it when it is missing).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extension = join(here, '..');
const cdn = join(extension, '../../packages/widgets/dist/cdn');
const assets = join(extension, 'assets');

if (!existsSync(join(cdn, 'loupe-provider.js'))) {
  console.log('No widgets CDN build yet: building it (pnpm --filter @loupe/widgets build:cdn)');
  execFileSync('pnpm', ['--filter', '@loupe/widgets', 'build:cdn'], { stdio: 'inherit' });
}

// The extension's own files, written by hand, stay.
const OWN = new Set(['loupe-shopify-session.js']);
// Everything this script put there before goes: a chunk of an older build would ship dead.
mkdirSync(assets, { recursive: true });
for (const name of readdirSync(assets)) {
  if (OWN.has(name)) continue;
  if (name.endsWith('.js') || name === 'loupe-widgets.css') rmSync(join(assets, name));
}

let files = 0;
for (const name of readdirSync(cdn)) {
  if (name.endsWith('.js')) {
    const source = readFileSync(join(cdn, name), 'utf8');
    writeFileSync(join(assets, name), source.replaceAll('./chunks/', './'));
    files += 1;
  } else if (name.endsWith('.css')) {
    copyFileSync(join(cdn, name), join(assets, name));
    files += 1;
  }
}
// A chunk may import an entry (the history's Store credit tab loads the ledger's):
// `../loupe-….js` from chunks/, a sibling in the flat folder.
const entries = new Set(readdirSync(cdn).filter((name) => name.endsWith('.js')));
for (const name of readdirSync(join(cdn, 'chunks'))) {
  const source = readFileSync(join(cdn, 'chunks', name), 'utf8').replace(
    /(["'])\.\.\/([\w.-]+\.js)\1/g,
    (whole, quote, entry) => (entries.has(entry) ? `${quote}./${entry}${quote}` : whole),
  );
  if (source.includes('../')) {
    throw new Error(`chunks/${name} imports from outside its folder; assets/ is flat`);
  }
  writeFileSync(join(assets, name), source);
  files += 1;
}
console.log(`Copied ${files} widget files into ${assets}`);
