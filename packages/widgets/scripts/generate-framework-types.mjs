// Writes the framework bindings from custom-elements.json, so they can't drift from the
// elements: React 19 JSX types (types/react-jsx.d.ts), Vue's GlobalComponents
// (types/vue.d.ts) and @lit/react wrappers for React 18 (src/react.ts). Part of `pnpm
// manifest`; `--check` fails when a committed file differs from what it would write.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const check = process.argv.includes('--check');

const modules = new Map(manifest.modules.map((module) => [module.path, module]));
/** Names the package's entry exports: only those elements are public. */
const publicNames = new Set(modules.get('src/index.ts').exports.map((exp) => exp.name));

const jsPath = (path) => `./${path.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
const exportsClass = (definition) =>
  modules
    .get(definition.defineModule)
    .exports.some((exp) => exp.kind === 'js' && exp.name === definition.declaration.name);

const elements = manifest.modules
  .flatMap((module) =>
    (module.exports ?? [])
      .filter((exp) => exp.kind === 'custom-element-definition')
      .map((exp) => ({ defineModule: module.path, ...exp })),
  )
  .filter((definition) => publicNames.has(definition.declaration.name))
  .map((definition) => {
    const declaration = modules
      .get(definition.declaration.module)
      .declarations.find((candidate) => candidate.name === definition.declaration.name);
    const props = (declaration.members ?? [])
      .filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.readonly)
      .map((m) => m.name);
    const attributes = (declaration.attributes ?? [])
      .filter((a) => a.name !== a.fieldName)
      .map((a) => ({ name: a.name, type: a.type?.text ?? '' }));
    const events = (declaration.events ?? []).map((e) => ({
      name: e.name,
      type: e.type.text,
      detail: e.type.text.match(/^CustomEvent<(\w+)>$/)?.[1],
      description: e.description,
    }));
    return {
      tag: definition.name,
      className: declaration.name,
      summary: declaration.summary?.replace(/\s+/g, ' ').trim() ?? '',
      // A define file that defines its element once the class has loaded (the customer form,
      // decision 0017) doesn't export the class: import it from its module, and the define
      // file for its effect.
      importPath: jsPath(
        exportsClass(definition) ? definition.defineModule : definition.declaration.module,
      ),
      defineImport: exportsClass(definition) ? null : jsPath(definition.defineModule),
      props,
      attributes,
      events,
    };
  })
  .sort((a, b) => (a.tag < b.tag ? -1 : 1));

const detailTypes = [...new Set(elements.flatMap((el) => el.events.map((e) => e.detail)))].sort();
const header = `// Generated from custom-elements.json by scripts/generate-framework-types.mjs: do not edit.`;
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^\w/, (c) => c.toUpperCase());
const list = (names) => names.map((n) => `'${n}'`).join(' | ') || 'never';

/**
 * The props every binding shares: the element's properties, and for JSX its dashed attribute
 * names too (vue-tsc maps `customer-id` to `customerId` itself).
 */
function propsType(el, from, withAttributes = true) {
  if (!withAttributes) return `Partial<Pick<${from}${el.className}, ${list(el.props)}>>`;
  const attrs = el.attributes
    .map((a) => `  '${a.name}'?: ${/number/.test(a.type) ? 'string | number' : 'string'};`)
    .join('\n');
  return `Partial<Pick<${from}${el.className}, ${list(el.props)}>>${attrs ? ` & {\n${attrs}\n}` : ''}`;
}

const react = `${header}
// React 19 sets properties on custom elements and listens to \`on<event-name>\` props.
// Use: \`import type {} from '@loupe/widgets/react-jsx';\` once in your app.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${detailTypes.join(', ')} } from '../dist/events.js';
import type { ${elements.map((el) => el.className).join(', ')} } from '../dist/index.js';

type LoupeJsxElement<E, Props> = DetailedHTMLProps<HTMLAttributes<E>, E> & Props;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements
  .map(
    (el) => `      /** ${el.summary} */
      '${el.tag}': LoupeJsxElement<
        ${el.className},
        ${propsType(el, '').replace(/\n/g, '\n        ')}${el.events
          .map(
            (e) => ` & {
          /** ${e.description.replace(/\s+/g, ' ')} */
          'on${e.name}'?: (event: ${e.type}) => void;
        }`,
          )
          .join('')}
      >;`,
  )
  .join('\n')}
    }
  }
}
`;

const vue = `${header}
// Vue 3: templates type-check props and \`@event\` handlers (vue-tsc, strictTemplates). Use:
// \`import type {} from '@loupe/widgets/vue';\` once, and tell the compiler the tags are custom
// elements: \`compilerOptions.isCustomElement: (tag) => tag.startsWith('loupe-')\`.
import type { ${detailTypes.join(', ')} } from '../dist/events.js';
import type { ${elements.map((el) => el.className).join(', ')} } from '../dist/index.js';

type LoupeVueElement<Props> = new () => { $props: Props };

declare module 'vue' {
  interface GlobalComponents {
${elements
  .map(
    (el) => `    /** ${el.summary} */
    '${el.tag}': LoupeVueElement<
      ${propsType(el, '', false).replace(/\n/g, '\n      ')}${el.events
        .map(
          (e) => ` & {
        /** ${e.description.replace(/\s+/g, ' ')} */
        'on${pascal(e.name)}'?: (event: ${e.type}) => void;
      }`,
        )
        .join('')}
    >;`,
  )
  .join('\n')}
  }
}
`;

const wrappers = `${header}
/**
 * React components for the Loupe elements, for React 18 (React 19 can use the tags directly,
 * typed by \`@loupe/widgets/react-jsx\`): properties are set as properties, and each event is an
 * \`on…\` prop (\`loupe-send-email\` → \`onLoupeSendEmail\`). Importing this module defines the
 * elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
${elements.map((el) => `import { ${el.className} as ${el.className}Element } from '${el.importPath}';`).join('\n')}
${elements
  .filter((el) => el.defineImport)
  .map((el) => `import '${el.defineImport}';`)
  .join('\n')}
import type { ${detailTypes.join(', ')} } from './events.js';

${elements
  .map(
    (el) => `/** ${el.summary} */
export const ${el.className} = createComponent({
  tagName: '${el.tag}',
  elementClass: ${el.className}Element,
  react: React,
  events: {${el.events
    .map(
      (e) => `
    on${pascal(e.name)}: '${e.name}' as EventName<${e.type}>,`,
    )
    .join('')}
  },
});`,
  )
  .join('\n\n')}
`;

/** The repo's formatter, so the generated files pass `pnpm lint` as written. */
const biome = fileURLToPath(new URL('../../node_modules/.bin/biome', root));
const formatted = (path, text) =>
  execFileSync(biome, ['format', `--stdin-file-path=${path}`], {
    cwd: fileURLToPath(root),
    input: text,
    encoding: 'utf8',
  });

let stale = false;
for (const [path, text] of [
  ['types/react-jsx.d.ts', react],
  ['types/vue.d.ts', vue],
  ['src/react.ts', wrappers],
]) {
  const contents = formatted(path, text);
  const file = new URL(path, root);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current === contents) continue;
  if (check) {
    console.error(`${path} is out of date: run \`pnpm --filter @loupe/widgets manifest\`.`);
    stale = true;
  } else {
    writeFileSync(file, contents);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
