// `cem analyze` settings: public elements only (no tests, no test doubles), Lit-aware, plus
// what the analyzer can't see by itself. `scripts/validate-manifest.mjs` checks the result
// against the custom-elements-manifest schema.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const source = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** `--loupe-*` → its default, read from the shared tokens so the manifest can't drift from them. */
const tokenDefaults = new Map(
  [...source('./src/styles/shared.styles.ts').matchAll(/var\((--loupe-[\w-]+),\s*([^;]+)\);/g)].map(
    ([, name, value]) => [name, value.trim()],
  ),
);

/** Event name → `CustomEvent<Detail>`, from `LoupeEventMap` in events.ts. */
const eventTypes = new Map(
  [...source('./src/events.ts').matchAll(/'([\w-]+)': (CustomEvent<\w+>);/g)].map(
    ([, name, type]) => [name, type],
  ),
);

/** `./x.js` imported by `from` → the listed module path, `src/…/x.ts`. */
function modulePath(from, specifier) {
  const resolved = specifier.startsWith('.')
    ? posix.join(posix.dirname(from), specifier)
    : specifier.replace(/^\//, '');
  return resolved.replace(/\.js$/, '.ts');
}

/**
 * Elements register through `Class.define('tag')` or `define('tag', Class)` (src/internal/define.ts),
 * which the analyzer doesn't know: record each as a `custom-element-definition` pointing at the
 * module that declares the class, and give the class its tag name.
 */
function loupeDefinitions() {
  const imports = new Map();
  return {
    name: 'loupe-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isSourceFile(node)) imports.clear();
      if (ts.isImportDeclaration(node) && node.importClause?.namedBindings) {
        const bindings = node.importClause.namedBindings;
        if (ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            imports.set(element.name.text, modulePath(moduleDoc.path, node.moduleSpecifier.text));
          }
        }
      }
      if (!ts.isCallExpression(node) || moduleDoc.path === 'src/internal/define.ts') return;
      const [first, second] = node.arguments;
      let className;
      if (
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'define' &&
        ts.isIdentifier(node.expression.expression) &&
        node.arguments.length === 1
      ) {
        className = node.expression.expression.text;
      } else if (
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'define' &&
        second &&
        ts.isIdentifier(second)
      ) {
        className = second.text;
      }
      if (!className || !first || !ts.isStringLiteral(first)) return;
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: first.text,
        declaration: { name: className, module: imports.get(className) ?? moduleDoc.path },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const byPath = new Map(modules.map((module) => [module.path, module]));
      for (const module of modules) {
        // `customElements.define(tag, element)` inside define() itself is no definition.
        module.exports = module.exports?.filter(
          (exp) =>
            exp.kind !== 'custom-element-definition' ||
            exp.declaration.module !== 'src/internal/define.ts',
        );
        for (const exp of module.exports ?? []) {
          if (exp.declaration?.module) {
            exp.declaration.module = modulePath(module.path, exp.declaration.module);
          }
          if (exp.kind !== 'custom-element-definition') continue;
          const declaration = byPath
            .get(exp.declaration.module)
            ?.declarations?.find((candidate) => candidate.name === exp.declaration.name);
          if (!declaration) throw new Error(`No declaration for <${exp.name}>`);
          declaration.tagName = exp.name;
          declaration.customElement = true;
        }
      }
    },
  };
}

/** Event types from `LoupeEventMap`, CSS custom property defaults from the shared tokens. */
function loupeTypesAndDefaults() {
  return {
    name: 'loupe-types-and-defaults',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const type = eventTypes.get(event.name);
            if (!type) throw new Error(`${event.name}: not in LoupeEventMap (src/events.ts)`);
            event.type = { text: type };
          }
          for (const property of declaration.cssProperties ?? []) {
            const value = tokenDefaults.get(property.name);
            if (!value) throw new Error(`${property.name}: no default in shared.styles.ts`);
            property.default = value;
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // The history's panels are its internals: their parts are documented on the history.
  exclude: ['src/**/*.test.ts', 'src/testing/**', 'src/components/customer-history/panels/**'],
  outdir: '.',
  litelement: true,
  // Leave package.json alone: the drift check writes to a scratch folder.
  packagejson: false,
  plugins: [
    loupeDefinitions(),
    loupeTypesAndDefaults(),
    {
      // The analyzer lists modules in the order it finished reading them, which varies with
      // load; sorted by path, the committed manifest only changes when the source does.
      name: 'loupe-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.schemaVersion = '2.1.0';
        customElementsManifest.modules.sort((a, b) =>
          a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
        );
      },
    },
  ],
};
