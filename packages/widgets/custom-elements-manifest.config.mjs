// `cem analyze` settings: public elements only (no tests, no test doubles), Lit-aware.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  litelement: true,
  // Leave package.json alone: the drift check writes to a scratch folder.
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order it finished reading them, which varies with
      // load; sorted by path, the committed manifest only changes when the source does.
      name: 'loupe-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) =>
          a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
        );
      },
    },
  ],
};
