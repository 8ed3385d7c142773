// CDN build for a theme's <script type="module">: one entry file per element, named after its
// tag, plus shared chunks (Lit, context, the SDK, shared styles), minified ESM in dist/cdn/.
// The SDK is bundled from its source so a clean clone needs no SDK build first.
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cdn`;

/** Tag → define file. Each becomes `dist/cdn/<tag>.js`. */
export const entries = {
  'loupe-provider': 'src/components/provider/provider.ts',
  'loupe-customer-hero': 'src/components/customer-hero/customer-hero.ts',
  'loupe-store-credit-ledger': 'src/components/store-credit-ledger/store-credit-ledger.ts',
};

/** Resolves `@loupe/sdk` to the SDK's TypeScript source. */
const sdkFromSource = {
  name: 'loupe-sdk-from-source',
  setup(b) {
    b.onResolve({ filter: /^@loupe\/sdk$/ }, () => ({
      path: fileURLToPath(new URL('../../sdk/src/index.ts', import.meta.url)),
    }));
  },
};

/**
 * esbuild leaves template literals alone, so CSS in `css\`…\`` ships with its indentation.
 * Collapse whitespace in the styles modules' CSS (they hold no strings where it matters).
 */
const minifyCssTemplates = {
  name: 'minify-css-templates',
  setup(b) {
    b.onLoad({ filter: /\.styles\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(/css`([^`]*)`/g, (_, cssText) => {
        const minified = cssText
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${minified}\``;
      });
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * The same for the markup in `html\`…\`` templates: in the components' source a newline and
 * the indentation after it are always template layout (no `<pre>`, no multi-line strings), and
 * HTML treats any run of whitespace alike, so each run becomes one newline.
 */
const collapseTemplateIndentation = {
  name: 'collapse-template-indentation',
  setup(b) {
    b.onLoad({ filter: /\.component\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      return { contents: source.replace(/\n\s+/g, '\n'), loader: 'ts' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2021',
  platform: 'browser',
  chunkNames: 'chunks/[name]-[hash]',
  tsconfig: 'tsconfig.json',
  legalComments: 'none',
  plugins: [sdkFromSource, minifyCssTemplates, collapseTemplateIndentation],
  logLevel: 'warning',
});
console.log(`CDN build written to ${outdir}`);
