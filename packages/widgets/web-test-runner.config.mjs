// Widget tests in real Chromium. TypeScript goes through esbuild with the package's tsconfig
// (legacy decorators); `@loupe/sdk` is served from its source so no SDK build is needed first.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Resolves the bare `@loupe/sdk` imports to the SDK's TypeScript entries. */
const sdkFromSource = {
  name: 'loupe-sdk-from-source',
  resolveImport({ source }) {
    if (source === '@loupe/sdk') return '/packages/sdk/src/index.ts';
    if (source === '@loupe/sdk/passport-code') return '/packages/sdk/src/passport-code.ts';
  },
};

export default {
  rootDir: repoRoot,
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 120_000,
  // axe (`to.be.accessible()`) alone takes over mocha's default 2 s on a loaded machine.
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    sdkFromSource,
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <body>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
