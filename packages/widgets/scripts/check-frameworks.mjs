// The widgets as other people's apps use them. Packs @loupe/widgets and @loupe/sdk (each
// `pnpm pack` builds first), installs the tarballs into a scratch project outside the repo,
// type-checks a React 19 app (tsc --strict) and a Vue 3 app (vue-tsc, strictTemplates),
// builds them and a plain HTML page for production with Vite, and renders each in headless
// Chromium: the hero and the ledger must show their data, and the ledger's cancelable
// `loupe-navigate` must reach the app's typed handler. Run: `pnpm --filter @loupe/widgets
// check:frameworks` (CHROME_PATH, default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const widgetsDir = fileURLToPath(new URL('..', import.meta.url));
const sdkDir = join(widgetsDir, '../sdk');
const scratch = mkdtempSync(join(tmpdir(), 'loupe-frameworks-'));
const keep = process.argv.includes('--keep');

function sh(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`,
    );
  }
}

function write(path, text) {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

const started = Date.now();
function step(name) {
  console.log(`-- ${((Date.now() - started) / 1000).toFixed(0)}s ${name}`);
}

// What every app renders: a provider with a fake client, the hero and the ledger; the app
// records the ledger's navigate event (typed by its detail) and cancels it.
const fixtureImports = `import { FakeLoupeClient, ledgerRows, showcaseCustomer, showcaseSummary } from '@loupe/widgets/testing';`;
const makeClient = `new FakeLoupeClient({
  customers: [showcaseCustomer],
  summaries: [showcaseSummary],
  ledgers: { cus_showcase: ledgerRows('cus_showcase', 5) },
})`;

const apps = {
  react: {
    'react/index.html': `<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>`,
    'react/main.tsx': `import '@loupe/widgets';
import type {} from '@loupe/widgets/react-jsx';
import type { LoupeNavigateDetail } from '@loupe/widgets';
import { LoupeCustomerHero } from '@loupe/widgets/react';
${fixtureImports}
import { createRoot } from 'react-dom/client';

const client = ${makeClient};
const seen: string[] = [];
Object.assign(window, { loupeSeen: seen });

function App() {
  return (
    <>
      <loupe-provider client={client} locale="en-AU" links='{"sale": "/sales/{id}"}'>
        <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
        <loupe-store-credit-ledger
          customerId="cus_showcase"
          pageSize={5}
          onloupe-navigate={(event) => {
            const detail: LoupeNavigateDetail = event.detail;
            seen.push(\`navigate \${detail.kind} \${detail.id}\`);
            event.preventDefault();
          }}
        ></loupe-store-credit-ledger>
        {/* @ts-expect-error page-size is a number, not free text */}
        <loupe-store-credit-ledger pageSize="ten" hidden></loupe-store-credit-ledger>
      </loupe-provider>
      {/* The @lit/react wrapper, as a React 18 app would use it. */}
      <LoupeCustomerHero
        id="wrapped"
        client={client}
        customerId="cus_showcase"
        onLoupeSendEmail={(event) => seen.push(\`email \${event.detail.email}\`)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`,
    'react/tsconfig.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        jsx: 'react-jsx',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        // Our declarations are checked by use: were they `any`, the @ts-expect-error would fail.
        skipLibCheck: true,
        types: [],
      },
      include: ['main.tsx'],
    }),
    'react/vite.config.mjs': `import react from '@vitejs/plugin-react';
export default { base: '/react/', plugins: [react()], logLevel: 'warn' };
`,
  },
  vue: {
    'vue/index.html': `<!doctype html><html lang="en"><body><div id="app"></div><script type="module" src="./main.ts"></script></body></html>`,
    'vue/main.ts': `import { createApp } from 'vue';
import App from './App.vue';
createApp(App).mount('#app');
`,
    'vue/App.vue': `<script setup lang="ts">
import '@loupe/widgets';
import type {} from '@loupe/widgets/vue';
import type { LoupeNavigateDetail } from '@loupe/widgets';
${fixtureImports}

const client = ${makeClient};
const seen: string[] = [];
Object.assign(window, { loupeSeen: seen });

function onNavigate(event: CustomEvent<LoupeNavigateDetail>) {
  seen.push(\`navigate \${event.detail.kind} \${event.detail.id}\`);
  event.preventDefault();
}
</script>

<template>
  <loupe-provider :client="client" locale="en-AU" links='{"sale": "/sales/{id}"}'>
    <loupe-customer-hero customer-id="cus_showcase" />
    <loupe-store-credit-ledger customer-id="cus_showcase" :page-size="5" @loupe-navigate="onNavigate" />
    <!-- @vue-expect-error page-size is a number, not free text -->
    <loupe-store-credit-ledger :page-size="'ten'" hidden />
  </loupe-provider>
</template>
`,
    'vue/env.d.ts': `declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
`,
    'vue/tsconfig.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'ESNext',
        moduleResolution: 'Bundler',
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        // Our declarations are checked by use: were they `any`, the @ts-expect-error would fail.
        skipLibCheck: true,
        types: [],
      },
      vueCompilerOptions: { strictTemplates: true },
      include: ['main.ts', 'App.vue', 'env.d.ts'],
    }),
    'vue/vite.config.mjs': `import vue from '@vitejs/plugin-vue';
export default {
  base: '/vue/',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('loupe-') } } })],
  logLevel: 'warn',
};
`,
  },
  html: {
    'html/index.html': `<!doctype html>
<html lang="en">
  <body>
    <loupe-provider locale="en-AU" links='{"sale": "/sales/{id}"}'>
      <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
      <loupe-store-credit-ledger customer-id="cus_showcase" page-size="5"></loupe-store-credit-ledger>
    </loupe-provider>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`,
    'html/main.js': `import '@loupe/widgets';
${fixtureImports}

const seen = [];
window.loupeSeen = seen;
document.querySelector('loupe-provider').client = ${makeClient};
document.querySelector('loupe-store-credit-ledger').addEventListener('loupe-navigate', (event) => {
  seen.push(\`navigate \${event.detail.kind} \${event.detail.id}\`);
  event.preventDefault();
});
`,
    'html/vite.config.mjs': `export default { base: '/html/', logLevel: 'warn' };
`,
  },
};

let server;
let browser;
try {
  step('pnpm pack @loupe/sdk and @loupe/widgets (each builds first)');
  sh('pnpm', ['pack', '--pack-destination', scratch], sdkDir);
  sh('pnpm', ['pack', '--pack-destination', scratch], widgetsDir);
  const tarball = (prefix) => {
    const name = readdirSync(scratch).find(
      (file) => file.startsWith(prefix) && file.endsWith('.tgz'),
    );
    if (!name) throw new Error(`no ${prefix}*.tgz`);
    return `file:${join(scratch, name)}`;
  };
  const tarballs = { sdk: tarball('loupe-sdk-'), widgets: tarball('loupe-widgets-') };
  const listing = sh('tar', ['tzf', tarballs.widgets.slice(5)], scratch).split('\n');
  const stray = listing.filter((file) => /\.d\.ts\.map$|\/src\//.test(file));
  if (stray.length) throw new Error(`the widgets tarball ships ${stray.join(', ')}`);

  step('install the tarballs and the frameworks into a scratch project');
  write(
    'package.json',
    JSON.stringify({
      name: 'loupe-frameworks-check',
      private: true,
      type: 'module',
      dependencies: {
        '@loupe/sdk': tarballs.sdk,
        '@loupe/widgets': tarballs.widgets,
        react: '19.3.1',
        'react-dom': '19.3.1',
        vue: '3.5.45',
      },
      devDependencies: {
        '@types/react': '19.3.3',
        '@types/react-dom': '19.3.0',
        '@vitejs/plugin-react': '6.3.0',
        '@vitejs/plugin-vue': '6.0.11',
        typescript: '5.9.3',
        vite: '8.3.8',
        'vue-tsc': '3.3.14',
      },
      pnpm: { overrides: { '@loupe/sdk': tarballs.sdk } },
    }),
  );
  // The registry is this step's one network dependency (a fresh clone's CI failed once here,
  // with nothing printed): the install says what went wrong, and a dropped fetch gets a retry.
  const install = () =>
    sh(
      'pnpm',
      [
        'install',
        '--prefer-offline',
        '--reporter=append-only',
        '--config.strict-peer-dependencies=false',
      ],
      scratch,
    );
  try {
    install();
  } catch (error) {
    console.error(`-- the install failed; once more:\n${error.message.slice(-3000)}`);
    install();
  }
  for (const files of Object.values(apps))
    for (const [path, text] of Object.entries(files)) write(path, text);

  step('type-check: React 19 (tsc --strict), Vue 3 (vue-tsc, strictTemplates)');
  sh(join(scratch, 'node_modules/.bin/tsc'), ['-p', 'react'], scratch);
  sh(join(scratch, 'node_modules/.bin/vue-tsc'), ['-p', 'vue'], scratch);

  step('vite build (production): react, vue, html');
  for (const app of Object.keys(apps)) {
    sh(
      join(scratch, 'node_modules/.bin/vite'),
      ['build', app, '--config', `${app}/vite.config.mjs`],
      scratch,
    );
  }

  step('render each in headless Chromium');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  server = createServer((request, response) => {
    const [, app, ...rest] = new URL(request.url, 'http://x').pathname.split('/');
    if (!(app in apps)) return response.writeHead(204).end(); // favicon.ico and the like
    let file = join(scratch, app ?? '', 'dist', ...rest);
    if (!existsSync(file) || statSync(file).isDirectory())
      file = join(scratch, app ?? '', 'dist/index.html');
    if (!existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  for (const app of Object.keys(apps)) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      if (/dev mode/i.test(message.text()))
        problems.push(`not a production build: ${message.text()}`);
    });
    await page.goto(`${origin}/${app}/`, { waitUntil: 'load' });
    const state = () =>
      page.evaluate(() => {
        const shadow = (selector) => document.querySelector(selector)?.shadowRoot;
        const hero = shadow('loupe-customer-hero');
        const ledger = shadow('loupe-store-credit-ledger');
        return {
          defined: ['loupe-provider', 'loupe-customer-hero', 'loupe-store-credit-ledger'].every(
            (tag) => customElements.get(tag),
          ),
          hero: hero?.querySelector('[part~="name"]')?.textContent?.trim() ?? null,
          rows: ledger?.querySelectorAll('[part~="row"]').length ?? 0,
          wrapped: shadow('#wrapped')?.querySelector('[part~="name"]')?.textContent?.trim() ?? null,
        };
      });
    try {
      await page.waitForFunction(
        () => {
          const root = document.querySelector('loupe-store-credit-ledger')?.shadowRoot;
          const hero = document.querySelector('loupe-customer-hero')?.shadowRoot;
          return root?.querySelector('[part~="row"]') && hero?.querySelector('[part~="name"]');
        },
        { timeout: 10_000 },
      );
    } catch {
      throw new Error(
        `${app}: the elements never showed their data: ${JSON.stringify(await state())}\n${problems.join('\n')}`,
      );
    }
    const shown = await state();
    const href = page.url();
    const seen = await page.evaluate(() => {
      document
        .querySelector('loupe-store-credit-ledger')
        .shadowRoot.querySelector('a[part~="reference"]')
        .click();
      return window.loupeSeen;
    });
    const expected = {
      defined: true,
      hero: 'Mei Chen',
      rows: 5,
      wrapped: app === 'react' ? 'Mei Chen' : null,
    };
    if (app === 'react' && !shown.wrapped) {
      await page.waitForFunction(
        () => document.querySelector('#wrapped')?.shadowRoot?.querySelector('[part~="name"]'),
        { timeout: 5_000 },
      );
      shown.wrapped = (await state()).wrapped;
    }
    const ok =
      JSON.stringify(shown) === JSON.stringify(expected) &&
      seen.length === 1 &&
      /^navigate sale sale_\d+$/.test(seen[0]) &&
      page.url() === href &&
      problems.length === 0;
    if (!ok) {
      throw new Error(
        `${app}: ${JSON.stringify({ shown, expected, seen, url: page.url() })}\n${problems.join('\n')}`,
      );
    }
    console.log(
      `   ${app}: hero "${shown.hero}", ${shown.rows} ledger rows, ${seen[0]} (cancelled)`,
    );
    await page.close();
  }
  console.log('React 19, Vue 3 and plain HTML production builds render the widgets.');
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server?.close();
  if (keep) console.log(`scratch project kept in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
