import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  entry: ['src/index.ts', 'src/passport-code.ts'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  // Browsers and Node alike: no Node built-ins may leak into the bundle.
  platform: 'neutral',
};

export default defineConfig([
  // ESM: ky stays a dependency, resolved by the consumer's bundler or Node.
  // No shared chunk: the passport-code entry is a few hundred bytes, copied rather than split.
  { ...shared, format: ['esm'], clean: true, external: ['ky'], splitting: false },
  // CJS: ky ships ESM only, so it is bundled in; `require('@loupe/sdk')` then works under
  // tools without require(esm) support (Jest, older bundlers).
  { ...shared, format: ['cjs'], noExternal: ['ky'] },
]);
