// Fails when the committed custom-elements.json differs from what the element JSDoc produces
// now. Regenerates into a scratch folder, so the committed file is left as it is.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// cem resolves --outdir against the working directory, so keep it inside the package.
const out = join('node_modules', '.cache', 'loupe-cem-check');
try {
  execFileSync(
    'pnpm',
    ['exec', 'cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', out],
    { cwd: root, stdio: 'ignore' },
  );
  const fresh = readFileSync(join(root, out, 'custom-elements.json'), 'utf8');
  const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  if (fresh !== committed) {
    console.error(
      'custom-elements.json is out of date: run `pnpm --filter @loupe/widgets manifest` and commit it.',
    );
    process.exit(1);
  }
  console.log('custom-elements.json matches the source.');
} finally {
  rmSync(join(root, out), { recursive: true, force: true });
}
