/**
 * The relationship figures of issue 12, on PostgreSQL, on the bench's customers (100k by
 * default). Figures, never assertions.
 *
 * - Reminders: `GET /v1/reminders?within_days=…` for the whole tenant, through Loupe as
 *   `pnpm start` runs it, with one and ten connections.
 * - The email outbox: messages queued straight into `communications` (as the API's outbox
 *   writes them), two Loupe instances over the same database with `SMTP_URL` pointing at an
 *   SMTP server in this process, and the time from the first message that arrives to the
 *   last; then how many arrived twice, and whether every row reads `sent`.
 *
 *   pnpm bench -- --engine postgres --only relationship
 *   node --import tsx bench/relationship.ts --customers 100000 --messages 2000
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { openPostgres } from '../src/core/db/postgres.js';
import { type LoadResult, markdownTable, measure } from './load.js';
import { BenchFailure, prepareCustomers, startLoupe } from './processes.js';
import { benchDataDir } from './targets.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    customers: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
  },
});
const customers = Number(values.customers);
const messageCount = Number(values.messages);
const out = (text: string) => process.stdout.write(`${text}\n`);
const log = (line: string) => process.stderr.write(`  ${line}\n`);
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

const prepared = prepareCustomers(customers);
if (prepared.target.engine !== 'postgres')
  throw new Error('the relationship bench runs on PostgreSQL');
const target = prepared.target;
const auth = { authorization: `Bearer ${prepared.key}` };

out(`\n## Relationship on PostgreSQL: ${customers.toLocaleString('en')} customers\n`);

// Reminders: how many dates the tenant has, then the route at two windows.
const db = openPostgres({ url: target.url, max: 2 });
const dated = (
  await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM customers
      WHERE tenant_id = $1 AND (birthday IS NOT NULL OR anniversary IS NOT NULL OR spouse_birthday IS NOT NULL)`,
    [prepared.tenantId],
  )
).rows[0]!.n;
out(
  `- data: ${Number(dated).toLocaleString('en')} customers with a birthday, anniversary or spouse's birthday`,
);

const loupe = await startLoupe({
  target,
  masterKey: prepared.masterKey,
  log: resolve(benchDataDir, 'loupe-relationship.log'),
});
const reminders: LoadResult[] = [];
let sizes: Record<number, number> = {};
try {
  for (const days of [14, 60]) {
    const path = `/v1/reminders?within_days=${days}&limit=50`;
    const answer = await fetch(`${loupe.url}${path}`, { headers: auth });
    if (answer.status !== 200) throw new BenchFailure(`${path} answered ${answer.status}`);
    const body = (await answer.json()) as { data: unknown[] };
    sizes = { ...sizes, [days]: body.data.length };
    for (const connections of [1, Number(values.connections)]) {
      const figure = await measure({
        name: `reminders within ${days} days`,
        url: loupe.url,
        paths: [path],
        headers: auth,
        durationSeconds: Number(values.duration),
        warmupSeconds: Number(values.warmup),
        connections,
      });
      if (figure.failed > 0) throw new BenchFailure(`${figure.name}: ${figure.failed} not 2xx`);
      reminders.push(figure);
    }
  }
} finally {
  await loupe.stop();
}
out(
  markdownTable(
    ['route (page 1, limit 50)', 'rows on the page', 'connections', 'req/s', 'p50 ms', 'p99 ms'],
    reminders.map((r) => [
      r.name,
      String(sizes[Number(/\d+/.exec(r.name)![0])]),
      String(r.connections),
      r.requestsPerSecond.toFixed(0),
      ms(r.p50Ms),
      ms(r.p99Ms),
    ]),
  ),
);

// The outbox: an SMTP server here, messages queued by SQL, two instances delivering.
const arrivals: { to: string; from: string; at: number }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      for (const r of session.envelope.rcptTo) {
        arrivals.push({ to: r.address, from, at: performance.now() });
      }
      callback();
    });
  },
});
await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', () => done()));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const run = Date.now().toString(36);
await db.query(`DELETE FROM communication_events WHERE communication_id LIKE 'msg_bench_%'`);
await db.query(`DELETE FROM communications WHERE id LIKE 'msg_bench_%'`);
const instances = await Promise.all(
  ['a', 'b'].map((name) =>
    startLoupe({
      target,
      masterKey: prepared.masterKey,
      log: resolve(benchDataDir, `loupe-outbox-${name}.log`),
      // Each instance sends from its own address, so the arrivals say who delivered what.
      env: { SMTP_URL: smtpUrl, LOUPE_MAIL_FROM: `bench-${name}@loupe.localhost` },
    }),
  ),
);
let outbox = '';
try {
  // One statement, so both instances find the whole queue at their next poll.
  await db.query(
    `INSERT INTO communications (tenant_id, id, customer_id, kind, to_address, subject, body_text,
       body_html, status, actor_kind, actor_name, next_attempt_at, created_at, updated_at)
     SELECT $1, 'msg_bench_' || $3 || '_' || g, c.id, 'email',
            'outbox-' || $3 || '-' || g || '@bench.example', 'Your ring is ready',
            'Hello, your ring is ready for collection.', '<p>Hello, your ring is ready for collection.</p>',
            'queued', 'system', 'bench', now(), now(), now()
       FROM generate_series(1, $2::int) AS g
       JOIN LATERAL (SELECT id FROM customers WHERE tenant_id = $1 ORDER BY id OFFSET g LIMIT 1) c ON true`,
    [prepared.tenantId, messageCount, run],
  );
  log(`queued ${messageCount.toLocaleString('en')} messages; waiting for delivery`);
  const deadline = Date.now() + 10 * 60_000;
  while (new Set(arrivals.map((a) => a.to)).size < messageCount && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  // A moment longer, so a second delivery of the last messages would be seen.
  await new Promise((r) => setTimeout(r, 2_000));
  const distinct = new Set(arrivals.map((a) => a.to)).size;
  const first = Math.min(...arrivals.map((a) => a.at));
  const last = Math.max(...arrivals.map((a) => a.at));
  const rows = await db.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM communications WHERE id LIKE $1 GROUP BY status`,
    [`msg_bench_${run}_%`],
  );
  const statuses = rows.rows.map((r) => `${r.status} ${r.n}`).join(', ');
  const bySender = new Map<string, number>();
  for (const a of arrivals) bySender.set(a.from, (bySender.get(a.from) ?? 0) + 1);
  const senders = [...bySender].map(([from, n]) => `${from.split('@')[0]} ${n}`).join(', ');
  outbox = `${messageCount.toLocaleString('en')} messages queued, two instances: ${distinct.toLocaleString('en')} arrived in ${((last - first) / 1000).toFixed(1)} s from the first to the last (${((distinct - 1) / ((last - first) / 1000)).toFixed(0)} messages/s); arrived twice: ${arrivals.length - distinct}; rows: ${statuses}; delivered by ${senders}`;
} finally {
  await Promise.all(instances.map((i) => i.stop()));
  await new Promise<void>((done) => smtp.close(() => done()));
  await db.query(`DELETE FROM communication_events WHERE communication_id LIKE 'msg_bench_%'`);
  await db.query(`DELETE FROM communications WHERE id LIKE 'msg_bench_%'`);
  await db.close();
}
out(`\nOutbox to a local SMTP server: ${outbox}`);
