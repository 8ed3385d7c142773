/**
 * A diagnostic beside `pnpm bench`: the CPU time one request costs Loupe's app, in process
 * (no HTTP, no other process), on the bench data `pnpm bench` prepared. CPU time moves far
 * less than req/s when other work shares the machine, so it shows what a change buys.
 *
 *   node --import tsx bench/cpu-per-request.ts --engine pglite --route get
 *   node --import tsx bench/cpu-per-request.ts --engine postgres --route list --unprepared
 *
 * Prints the minimum and median over 6 rounds of 1,500 requests one after another.
 * `--unprepared` runs every statement unprepared (what `{ prepare: true }` buys).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import type { Queryable } from '../src/core/db/types.js';
import type { PreparedBench } from './prepare.js';
import { benchDataDir, LIST_PATH } from './targets.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    engine: { type: 'string', default: 'pglite' },
    route: { type: 'string', default: 'get' },
    customers: { type: 'string', default: '100000' },
    unprepared: { type: 'boolean', default: false },
  },
});
const file = resolve(benchDataDir, `prepared-${values.engine}-${values.customers}.json`);
const prepared = JSON.parse(readFileSync(file, 'utf8')) as PreparedBench;
const target = prepared.target;
const services = await createServices(
  loadConfig({
    ...(target.engine === 'postgres'
      ? { DATABASE_URL: target.url }
      : { LOUPE_DATA: target.dataDir }),
    LOUPE_MASTER_KEY: prepared.masterKey,
    LOUPE_DEMO: '0',
    LOUPE_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  }),
);
if (values.unprepared) {
  const query = services.db.query.bind(services.db) as Queryable['query'];
  services.db.query = ((sql, params) => query(sql, params)) as Queryable['query'];
}
const app = createApp(services);
const headers = { authorization: `Bearer ${prepared.key}` };
const paths: Record<string, (i: number) => string> = {
  get: (i) => `/v1/customers/${prepared.ids[i % prepared.ids.length]}`,
  summary: (i) => `/v1/customers/${prepared.ids[i % prepared.ids.length]}/summary`,
  list: () => LIST_PATH,
  health: () => '/health',
};
const path = paths[values.route]!;
const rounds: number[] = [];
for (let round = 0; round < 6; round++) {
  const requests = 1_500;
  const start = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const response = await app.request(path(i), { headers });
    if (response.status !== 200) throw new Error(`${path(i)} answered ${response.status}`);
    await response.text();
  }
  const used = process.cpuUsage(start);
  rounds.push((used.user + used.system) / 1000 / requests);
}
rounds.sort((a, b) => a - b);
process.stdout.write(
  `${values.engine} ${values.route}${values.unprepared ? ' (unprepared)' : ''}: CPU ms per request, min ${rounds[0]!.toFixed(3)}, median ${rounds[3]!.toFixed(3)}\n`,
);
await services.close();
