// `cem analyze` settings: public elements only (no tests, no test doubles), Lit-aware.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  litelement: true,
  // Leave package.json alone: the drift check writes to a scratch folder.
  packagejson: false,
};
