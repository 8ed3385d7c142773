import { defineConfig } from 'tsup';

/** The library (`createApp`, `createServices`, …) and the `loupe-server` CLI. */
export default defineConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  splitting: true,
  // Dependencies stay external: PGlite ships WASM and data files it loads from its own folder.
  skipNodeModulesBundle: true,
});
