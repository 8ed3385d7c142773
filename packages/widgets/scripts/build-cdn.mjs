// CDN build for a theme's <script type="module">: one entry file per element, named after its
// tag, plus shared chunks (Lit, context, the SDK, shared styles), minified ESM in dist/cdn/.
// The SDK is bundled from its source so a clean clone needs no SDK build first.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cdn`;

/** Tag → define file. Each becomes `dist/cdn/<tag>.js`. */
export const entries = {
  'loupe-provider': 'src/components/provider/provider.ts',
  'loupe-customer-hero': 'src/components/customer-hero/customer-hero.ts',
  'loupe-store-credit-ledger': 'src/components/store-credit-ledger/store-credit-ledger.ts',
  'loupe-customer-search': 'src/components/customer-search/customer-search.ts',
  'loupe-customer-form': 'src/components/customer-form/customer-form.ts',
  'loupe-customer-audit': 'src/components/customer-audit/customer-audit.ts',
  'loupe-customer-history': 'src/components/customer-history/customer-history.ts',
};

/**
 * Elements for shoppers' public pages (`/verify`), built apart from the staff elements: a
 * verify page loads nothing else, and splitting the verifier with them cut their shared chunks
 * into smaller files whose glue took the ledger's first paint past its budget. The element's
 * component module is a second entry only so that what it imports lands in a chunk, keeping
 * the tag-named entry within Shopify's 10,000 bytes. A page with both builds loads Lit twice
 * unless their copies are identical (same content, same hashed name).
 */
export const publicEntries = {
  'loupe-passport-verifier': 'src/components/passport-verifier/passport-verifier.ts',
  'chunks/passport-verifier-element':
    'src/components/passport-verifier/passport-verifier.component.ts',
};

/** Resolves `@loupe/sdk` to the SDK's TypeScript source. */
const sdkFromSource = {
  name: 'loupe-sdk-from-source',
  setup(b) {
    b.onResolve({ filter: /^@loupe\/sdk$/ }, () => ({
      path: fileURLToPath(new URL('../../sdk/src/index.ts', import.meta.url)),
    }));
    b.onResolve({ filter: /^@loupe\/sdk\/passport-code$/ }, () => ({
      path: fileURLToPath(new URL('../../sdk/src/passport-code.ts', import.meta.url)),
    }));
  },
};

/**
 * esbuild leaves template literals alone, so CSS in `css\`…\`` ships with its indentation.
 * Collapse whitespace in the styles modules' CSS (they hold no strings where it matters).
 */
function minifyCssTemplates(source) {
  return source.replace(/css`([^`]*)`/g, (_, cssText) => `css\`${minifyCss(cssText)}\``);
}

/** Comments and layout whitespace out of a stylesheet (ours hold no strings where it matters). */
function minifyCss(cssText) {
  return (
    cssText
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      // `0.75rem` → `.75rem` (after a colon, space, comma or bracket, so `10.5rem` stays).
      .replace(/([:\s,(])0\.(\d)/g, '$1.$2')
      .trim()
  );
}

/**
 * The same for the markup in `html\`…\`` templates: in the components' source (the
 * `*.component.ts` files, and the customer history's panels and Overview) a newline and
 * the indentation after it are always template layout (no `<pre>`, no multi-line strings), and
 * HTML treats any run of whitespace alike, so each run becomes one newline.
 */
function collapseTemplateIndentation(source) {
  return source.replace(/\n\s+/g, '\n');
}

/** Where each `@lit/context` export is defined, inside the package. */
const litContextFiles = {
  ContextConsumer: 'lib/controllers/context-consumer.js',
  ContextProvider: 'lib/controllers/context-provider.js',
  ContextRoot: 'lib/context-root.js',
  consume: 'lib/decorators/consume.js',
  createContext: 'lib/create-context.js',
  provide: 'lib/decorators/provide.js',
};
// The package's production index sits at its root (its exports map hides package.json).
const litContextRoot = dirname(createRequire(`${root}package.json`).resolve('@lit/context'));

/**
 * Imports each `@lit/context` export from its own file. Through the package's index, every
 * element reached `ContextProvider` and `@provide` (the provider's alone): esbuild's code
 * splitting assigns whole files by the entries that import them, re-exports included, which
 * put them in the chunk every element loads on first paint.
 */
function importLitContextByFile(source) {
  return source.replace(/import \{([^}]*)\} from '@lit\/context';/g, (_, names) =>
    names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => {
        const file = litContextFiles[name.replace(/^type\s+/, '')];
        if (!file) throw new Error(`build-cdn: add ${name} to litContextFiles`);
        return `import { ${name} } from ${JSON.stringify(join(litContextRoot, file))};`;
      })
      .join('\n'),
  );
}

/** The source transforms above, each on the files it is safe for. */
const transformSource = {
  name: 'loupe-transform-source',
  setup(b) {
    b.onLoad({ filter: /\/widgets\/src\/.*\.ts$/ }, async ({ path }) => {
      let contents = importLitContextByFile(await readFile(path, 'utf8'));
      if (path.endsWith('.styles.ts')) contents = minifyCssTemplates(contents);
      if (path.endsWith('.component.ts') || /\/customer-history\/.*(?<!\.styles)\.ts$/.test(path)) {
        contents = collapseTemplateIndentation(contents);
      }
      return { contents, loader: 'ts' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await buildEntries(entries);
await buildEntries(publicEntries);

async function buildEntries(entryPoints) {
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    // ES2022 like the package's tsc build: class fields and private members stay native (esbuild's
    // helpers for them cost first-paint bytes). Static blocks are lowered: Safari has them only
    // since 16.4, the rest since 15.
    target: 'es2022',
    supported: { 'class-static-blocks': false },
    platform: 'browser',
    chunkNames: 'chunks/[name]-[hash]',
    tsconfig: 'tsconfig.json',
    legalComments: 'none',
    plugins: [sdkFromSource, transformSource],
    logLevel: 'warning',
  });
}
// The stylesheet that reserves the elements' space before their scripts run (a page links it
// or inlines it; see src/styles/reserve.css). Tag-named like the entries: it revalidates.
const reserveCss = await readFile(`${root}src/styles/reserve.css`, 'utf8');
await writeFile(`${outdir}/loupe-widgets.css`, `${minifyCss(reserveCss)}\n`);
console.log(`CDN build written to ${outdir}`);
