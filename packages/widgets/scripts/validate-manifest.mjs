// Validates custom-elements.json against the custom-elements-manifest schema it declares, and
// checks what the schema can't: every definition points at a module that is listed, and every
// event has a type. CI runs it (`pnpm --filter @loupe/widgets manifest:check`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('custom-elements-manifest/schema.json');
const manifest = JSON.parse(
  readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'),
);

const problems = [];
const ajv = new Ajv({ allErrors: true, strict: false });
if (!ajv.validate(schema, manifest)) {
  for (const error of ajv.errors ?? []) problems.push(`${error.instancePath} ${error.message}`);
}

const modules = new Set(manifest.modules.map((module) => module.path));
for (const module of manifest.modules) {
  for (const exp of module.exports ?? []) {
    const target = exp.declaration?.module;
    if (target && !modules.has(target)) {
      problems.push(`${module.path}: export ${exp.name} points at ${target}, not a listed module`);
    }
  }
  for (const declaration of module.declarations ?? []) {
    for (const event of declaration.events ?? []) {
      if (!event.type?.text) problems.push(`${module.path}: event ${event.name} has no type`);
    }
    for (const property of declaration.cssProperties ?? []) {
      if (!property.default) problems.push(`${module.path}: ${property.name} has no default`);
    }
  }
}

if (problems.length) {
  console.error(`custom-elements.json: ${problems.length} problems\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`custom-elements.json is valid (schema ${manifest.schemaVersion}).`);
