/**
 * Writes packages/server/openapi.json from the routes. The SDK generates its types from this
 * file and CI fails when it drifts, so run `pnpm --filter @loupe/server openapi` after
 * changing a route.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { openApiDocument } from '../src/core/openapi.js';

const config = loadConfig({ LOUPE_DATA: 'memory', LOG_LEVEL: 'silent' });
// The document needs the routes, not a database: a stub that is never queried.
const services = await createServices(config, {
  db: {
    engine: 'pglite',
    query: () => Promise.reject(new Error('no database while writing openapi.json')),
    exec: () => Promise.reject(new Error('no database')),
    transaction: () => Promise.reject(new Error('no database')),
    close: async () => {},
  },
});
const document = openApiDocument(createApp(services));
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
