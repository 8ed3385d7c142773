import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { pooledSmtpUrl } from '../src/core/mail/transport.js';
import { OutboxWorker } from '../src/resources/communications/outbox-worker.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { drainOnTwoInstances, wakesUnlessPaused } from './workers.js';

/** What the SMTP server started for the test received. */
interface Received {
  to: string[];
  raw: string;
  /** The SMTP connection it came over. */
  session: string;
}

const received: Received[] = [];
/** Recipients the server answers 451 (try later) this many more times. */
const busy = new Map<string, number>();
let smtp: SMTPServer;
let port: number;

function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        const error = Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 });
        return callback(error);
      }
      const left = busy.get(address.address) ?? 0;
      if (left > 0) {
        busy.set(address.address, left - 1);
        const error = Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          session: session.id,
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    smtp.listen(0, '127.0.0.1', () => {
      port = (smtp.server.address() as AddressInfo).port;
      resolve();
    });
  });
}

let ctx: TestContext;
let shop: TestTenant;
let worker: OutboxWorker;
let paused = false;

before(async () => {
  await startSmtp();
  ctx = await createTestContext({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, LOUPE_MAIL_FROM: 'shop@harlow.example' },
    beforeApp: (services) => {
      worker = new OutboxWorker(services, { policy: { backoffMs: 1000, maxAttempts: 3 } });
      services.workers.add(wakesUnlessPaused(worker, () => paused));
    },
  });
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
});
after(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function customer(fields: Record<string, unknown>) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Mei', last_name: 'Chen', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

const send = (id: string, body: Record<string, unknown>, key = shop.ownerKey) =>
  ctx.request('POST', `/v1/customers/${id}/emails`, { key, body });

const log = async (id: string) =>
  (await ctx.request('GET', `/v1/customers/${id}/communications`, { key: shop.ownerKey })).json;

describe('emailing a customer', () => {
  it('queues in the request, delivers over SMTP, and records it sent with the full body', async () => {
    const id = await customer({ email: 'mei@example.com' });
    const res = await send(id, {
      subject: 'Your ring is ready',
      body: 'Hi Mei,\n\nYour ring is ready. <script>alert(1)</script> & more\n\nSophie',
    });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.json.status, 'queued');
    assert.match(res.json.id, /^com_/);
    assert.equal(res.json.to, 'mei@example.com');
    assert.match(res.json.body_html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
    assert.doesNotMatch(res.json.body_html, /<script>/);
    await worker.idle();

    const arrived = received.filter((m) => m.to.includes('mei@example.com'));
    assert.equal(arrived.length, 1);
    const raw = arrived[0]!.raw;
    assert.match(raw, /^Subject: Your ring is ready$/m);
    assert.match(raw, /^From: "Harlow & Finch" <shop@harlow\.example>$/m);
    assert.equal(/X-Loupe-Communication:\s+(\S+)/.exec(raw)?.[1], `${shop.id}/${res.json.id}`);
    assert.match(raw, /Your ring is ready\. <script>alert\(1\)<\/script> & more/);
    assert.match(raw, /&lt;script&gt;/);

    const page = await log(id);
    assert.equal(page.data.length, 1);
    const sent = page.data[0];
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.notEqual(sent.sent_at, null);
    assert.equal(sent.kind, 'one_to_one');
    assert.equal(sent.sent_by.kind, 'secret');
    assert.match(sent.body_text, /Sophie$/);
    assert.deepEqual(
      sent.events.map((e: { status: string }) => e.status),
      ['queued', 'sent'],
    );
    const summary = await ctx.request('GET', `/v1/customers/${id}/summary`, { key: shop.ownerKey });
    assert.equal(summary.json.counts.communications, 1);

    // Erasure keeps that it went and what became of it, not what it said or where.
    paused = true;
    await send(id, { subject: 'Second', body: 'Not yet sent' });
    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(erased.status, 200, erased.text);
    paused = false;
    const kept = (await log(id)).data;
    assert.deepEqual(
      kept.map((m: { status: string; to: string; subject: string; body_text: string }) => [
        m.status,
        m.to,
        m.subject,
        m.body_text,
      ]),
      [
        ['failed', '[erased]', '[erased]', '[erased]'],
        ['sent', '[erased]', '[erased]', '[erased]'],
      ],
    );
  });

  it('refuses with a clear code and queues nothing: no address, consent withdrawn, another channel', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'customer_has_no_email'],
      [
        { email: 'a@example.com', marketing_consent: { email: { granted: false } } },
        'email_consent_withdrawn',
      ],
      [
        { email: 'b@example.com', communication_preference: 'sms' },
        'communication_preference_not_email',
      ],
      [
        { email: 'c@example.com', communication_preference: 'none' },
        'communication_preference_not_email',
      ],
    ];
    for (const [fields, code] of cases) {
      const id = await customer(fields);
      const res = await send(id, { subject: 'Hello', body: 'Hi' });
      assert.equal(res.status, 409, `${code}: ${res.text}`);
      assert.equal(res.json.code, code);
      assert.equal((await log(id)).data.length, 0);
    }
    const ok = await customer({ email: 'd@example.com', communication_preference: 'email' });
    const missing = await send(ok, { body: 'Hi' });
    assert.equal(missing.status, 422);
    assert.equal(missing.json.errors[0].path, 'subject');
    const blank = await send(ok, { subject: 'Hi', body: '   ' });
    assert.equal(blank.status, 422);
    assert.equal(blank.json.errors[0].path, 'body');
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const refused = await send(ok, { subject: 'Hi', body: 'Hi' }, readonly);
    assert.equal(refused.status, 403);
    assert.equal((await log(ok)).data.length, 0);
  });

  it('marks a message the server refuses for good as failed, with the server’s reason', async () => {
    const id = await customer({ email: 'nobody@example.com' });
    const res = await send(id, { subject: 'Hello', body: 'Hi' });
    assert.equal(res.status, 202);
    await worker.idle();
    const failed = (await log(id)).data[0];
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /No such mailbox/);
    assert.equal(failed.sent_at, null);
  });

  it('retries a temporary refusal with backoff, and sends once the server takes it', async () => {
    const id = await customer({ email: 'later@example.com' });
    busy.set('later@example.com', 1);
    await send(id, { subject: 'Hello', body: 'Hi' });
    await worker.idle();
    let row = (await log(id)).data[0];
    assert.equal(row.status, 'queued');
    assert.deepEqual(
      row.events.map((e: { status: string }) => e.status),
      ['queued', 'retrying'],
    );
    // Not before the backoff.
    worker.wake();
    await worker.idle();
    assert.equal((await log(id)).data[0].status, 'queued');
    ctx.clock.advance(1500);
    worker.wake();
    await worker.idle();
    row = (await log(id)).data[0];
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.equal(received.filter((m) => m.to.includes('later@example.com')).length, 1);
  });

  it('gives up after the last attempt and says why', async () => {
    const id = await customer({ email: 'never@example.com' });
    busy.set('never@example.com', 10);
    await send(id, { subject: 'Hello', body: 'Hi' });
    for (let i = 0; i < 4; i++) {
      await worker.idle();
      ctx.clock.advance(10_000);
      worker.wake();
    }
    await worker.idle();
    const row = (await log(id)).data[0];
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.match(row.last_error, /Try again later/);
  });

  it('shares the outbox between two instances without sending any message twice', async () => {
    paused = true;
    const id = await customer({ email: 'many@example.com' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await send(id, { subject: `Message ${i}`, body: `Body ${i}` });
      ids.push(res.json.id);
    }
    const policy = { batch: 1 };
    await drainOnTwoInstances(ctx, (services) => new OutboxWorker(services, { policy }));
    paused = false;

    const arrived = received
      .filter((m) => m.to.includes('many@example.com'))
      .map((m) => /X-Loupe-Communication:\s+\S+\/(\S+)/.exec(m.raw)?.[1]);
    assert.equal(arrived.length, 12);
    assert.deepEqual([...new Set(arrived)].sort(), [...ids].sort());
    const page = await ctx.request('GET', `/v1/customers/${id}/communications?limit=100`, {
      key: shop.ownerKey,
    });
    assert.ok(
      page.json.data.every(
        (m: { status: string; attempts: number }) => m.status === 'sent' && m.attempts === 1,
      ),
    );
  });
  it('sends claimed batches at once over pooled connections, still none twice across instances', async () => {
    paused = true;
    const id = await customer({ email: 'pooled@example.com' });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await send(id, { subject: `Pooled ${i}`, body: `Body ${i}` });
      assert.equal(res.status, 202, res.text);
      ids.push(res.json.id);
    }
    const policy = { batch: 8 };
    await drainOnTwoInstances(ctx, (services) => new OutboxWorker(services, { policy }));
    paused = false;

    const arrived = received.filter((m) => m.to.includes('pooled@example.com'));
    const communications = arrived.map(
      (m) => /X-Loupe-Communication:\s+\S+\/(\S+)/.exec(m.raw)?.[1],
    );
    assert.equal(arrived.length, 40);
    assert.deepEqual([...new Set(communications)].sort(), [...ids].sort());
    // Forty messages over at most five connections per instance, not a connection each.
    const connections = new Set(arrived.map((m) => m.session)).size;
    assert.ok(connections <= 10, `${connections} connections for 40 messages`);
    const page = await ctx.request('GET', `/v1/customers/${id}/communications?limit=100`, {
      key: shop.ownerKey,
    });
    assert.equal(page.json.data.length, 40);
    assert.ok(
      page.json.data.every(
        (m: { status: string; attempts: number }) => m.status === 'sent' && m.attempts === 1,
      ),
    );
  });
});

describe('SMTP_URL', () => {
  it('pools connections unless the URL says otherwise', () => {
    assert.equal(
      pooledSmtpUrl('smtp://u:p%40ss@mail.example.com:587'),
      'smtp://u:p%40ss@mail.example.com:587?pool=true&maxConnections=5',
    );
    assert.equal(
      pooledSmtpUrl('smtps://mail.example.com:465?maxConnections=2'),
      'smtps://mail.example.com:465?maxConnections=2&pool=true',
    );
    assert.equal(
      pooledSmtpUrl('smtp://mail.example.com?pool=false'),
      'smtp://mail.example.com?pool=false&maxConnections=5',
    );
  });

  it('stops the start with a message naming it when it isn’t an SMTP URL', () => {
    for (const bad of ['http://mail.example.com', 'smtp://', 'mail.example.com:587']) {
      assert.throws(
        () => loadConfig({ LOUPE_DATA: 'memory', SMTP_URL: bad }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/.test(error.message),
      );
    }
    assert.equal(
      loadConfig({ LOUPE_DATA: 'memory', SMTP_URL: 'smtps://u:p@mail.example.com:465' }).mail
        .smtpUrl,
      'smtps://u:p@mail.example.com:465',
    );
  });
});
