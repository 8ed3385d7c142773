/**
 * The webhook figures of issue 16, on PostgreSQL. Figures, never assertions.
 *
 * Two Loupe instances as `pnpm start` runs them, over the bench database, with
 * `LOUPE_WEBHOOKS_ALLOW_PRIVATE=1` and an HTTP receiver in this process (answering 204). A
 * tenant of its own (the bench tenant's data stays as the other figures expect it):
 *
 * - Delay from a change to its delivery: `PATCH /v1/customers/{id}` sent to the two instances
 *   in turn at a steady pace, and the time from sending each PATCH to its `customer.updated`
 *   arriving at the receiver (p50, p99). The instance that took the write is woken by it; the
 *   other finds nothing to do.
 * - Deliveries per second: events queued straight into the outbox (as `emitEvent` writes
 *   them) in one statement, both instances draining it, the time from the first arrival to
 *   the last; then how many arrived twice and whether every delivery reads `delivered`.
 *
 *   pnpm bench -- --engine postgres --only webhooks
 *   node --import tsx bench/webhooks.ts --customers 100000 --changes 400 --rate 20 --events 3000
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgres } from '../src/core/db/postgres.js';
import { BenchFailure, prepareCustomers, startLoupe } from './processes.js';
import { benchDataDir } from './targets.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    customers: { type: 'string', default: '100000' },
    changes: { type: 'string', default: '400' },
    rate: { type: 'string', default: '20' },
    events: { type: 'string', default: '3000' },
  },
});
const changes = Number(values.changes);
const perSecond = Number(values.rate);
const eventCount = Number(values.events);
const out = (text: string) => process.stdout.write(`${text}\n`);
const log = (line: string) => process.stderr.write(`  ${line}\n`);
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// Reused (or seeded) like the other PostgreSQL figures; only its connection and key are used.
const prepared = prepareCustomers(Number(values.customers));
if (prepared.target.engine !== 'postgres') throw new Error('the webhooks bench runs on PostgreSQL');
const target = prepared.target;
const platformKey = `lpk_bench_webhooks_${Date.now().toString(36)}_0123456789`;

out('\n## Webhooks on PostgreSQL: two instances sharing the outbox\n');

// The receiver: when each event arrived, and how often.
const arrivals = new Map<string, { at: number; count: number; body: string }>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const id = String(req.headers['webhook-id']);
    const seen = arrivals.get(id);
    if (seen) seen.count++;
    else
      arrivals.set(id, { at: performance.now(), count: 1, body: Buffer.concat(chunks).toString() });
    res.writeHead(204).end();
  });
});
await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', () => done()));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/loupe`;

const db = openPostgres({ url: target.url, max: 2 });
const instances = await Promise.all(
  ['a', 'b'].map((name) =>
    startLoupe({
      target,
      masterKey: prepared.masterKey,
      log: resolve(benchDataDir, `loupe-webhooks-${name}.log`),
      env: {
        LOUPE_WEBHOOKS_ALLOW_PRIVATE: '1',
        LOUPE_PLATFORM_KEY: platformKey,
        LOG_LEVEL: 'warn',
      },
    }),
  ),
);
const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
let tenantId = '';
let latency = '';
let throughput = '';
try {
  const call = async (base: string, key: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok)
      throw new BenchFailure(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const created = await call(a.url, platformKey, 'POST', '/v1/platform/tenants', {
    name: 'Webhook bench',
    currency: 'AUD',
  });
  const key = created.owner_key as string;
  tenantId = (created.tenant as { id: string }).id;
  const customerIds: string[] = [];
  for (let i = 0; i < changes; i++) {
    const customer = await call(a.url, key, 'POST', '/v1/customers', {
      first_name: 'Bench',
      last_name: `Customer ${i}`,
    });
    customerIds.push(customer.id as string);
  }
  const endpoint = await call(a.url, key, 'POST', '/v1/webhook-endpoints', {
    url: receiverUrl,
    event_types: ['customer.updated'],
  });

  // Delay: one PATCH every 1/rate s, to the two instances in turn; each customer once.
  log(`${changes} changes at ${perSecond}/s through two instances`);
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const patches: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < changes; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = customerIds[i]!;
    sentAt.set(id, performance.now());
    patches.push(
      call(i % 2 === 0 ? a.url : b.url, key, 'PATCH', `/v1/customers/${id}`, {
        ring_size: 'N',
      }).then(() => answeredAt.set(id, performance.now())),
    );
  }
  await Promise.all(patches);
  const deadline = Date.now() + 60_000;
  while (arrivals.size < changes && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const delays = [...arrivals.values()]
    .map((arrival) => {
      const { customer_id } = (JSON.parse(arrival.body) as { data: { customer_id: string } }).data;
      return arrival.at - sentAt.get(customer_id)!;
    })
    .sort((x, y) => x - y);
  const answers = [...answeredAt].map(([id, at]) => at - sentAt.get(id)!).sort((x, y) => x - y);
  latency = `${changes} \`customer.updated\` at ${perSecond}/s, PATCHes split between the two instances: ${delays.length} delivered; from sending the PATCH to the delivery arriving p50 ${ms(percentile(delays, 50))} ms, p99 ${ms(percentile(delays, 99))} ms, max ${ms(delays[delays.length - 1]!)} ms (the PATCH answered in p50 ${ms(percentile(answers, 50))} ms, p99 ${ms(percentile(answers, 99))} ms)`;

  // Throughput: events queued by SQL, both instances draining.
  arrivals.clear();
  const run = Date.now().toString(36);
  await db.query(
    `WITH ev AS (
       INSERT INTO webhook_events (tenant_id, id, type, data, created_at)
       SELECT $1, 'evt_bench_' || $3 || '_' || g, 'customer.updated',
              jsonb_build_object('customer_id', 'cus_bench_' || g, 'changed_fields', jsonb_build_array('ring_size')),
              now()
         FROM generate_series(1, $2::int) AS g
       RETURNING id)
     INSERT INTO webhook_deliveries
       (tenant_id, id, endpoint_id, event_id, status, next_attempt_at, created_at, updated_at)
     SELECT $1, 'whd_bench_' || substr(ev.id, 11), $4, ev.id, 'pending', now(), now(), now() FROM ev`,
    [tenantId, eventCount, run, endpoint.id as string],
  );
  log(`queued ${eventCount} deliveries; waiting for them`);
  const until = Date.now() + 5 * 60_000;
  while (arrivals.size < eventCount && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  // A moment longer, so a second delivery of the last events would be seen.
  await new Promise((r) => setTimeout(r, 3_000));
  const times = [...arrivals.values()].map((v) => v.at);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const twice = [...arrivals.values()].filter((v) => v.count > 1).length;
  const rows = await db.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM webhook_deliveries WHERE tenant_id = $1 AND id LIKE $2 GROUP BY status`,
    [tenantId, `whd_bench_${run}_%`],
  );
  const statuses = rows.rows.map((r) => `${r.status} ${r.n}`).join(', ');
  throughput = `${eventCount.toLocaleString('en')} deliveries queued, two instances: ${arrivals.size.toLocaleString('en')} arrived in ${((last - first) / 1000).toFixed(1)} s from the first to the last (${((arrivals.size - 1) / ((last - first) / 1000)).toFixed(0)} deliveries/s); arrived twice: ${twice}; rows: ${statuses}`;
} finally {
  await Promise.all(instances.map((i) => i.stop()));
  await new Promise<void>((done) => receiver.close(() => done()));
  if (tenantId) {
    // The endpoint goes with its deliveries; the events and the tenant's few customers stay.
    await db.query('DELETE FROM webhook_endpoints WHERE tenant_id = $1', [tenantId]);
    await db.query('DELETE FROM webhook_events WHERE tenant_id = $1', [tenantId]);
  }
  await db.close();
}
out(`- Delay: ${latency}`);
out(`- Throughput to a local receiver: ${throughput}`);
