import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { OUTBOX_WORKER } from '../src/resources/communications/outbox-worker.js';
import { signatureHeader, signatureOf } from '../src/resources/communications/signature.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

const SECRET = 'whsec_test_0123456789abcdefghijklmnop';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext({
    env: { LOUPE_MAIL_WEBHOOK_SECRET: SECRET },
    // Requests queue messages and nothing delivers them: a test marks one sent as the outbox
    // worker would (its delivery has its own tests), so the statuses are the test's to set.
    beforeApp: (services) => {
      services.workers.add({
        name: OUTBOX_WORKER,
        wake: () => {},
        start: () => {},
        stop: async () => {},
      });
    },
  });
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
});
after(() => ctx.close());

async function newCustomer(fields: Record<string, unknown> = {}): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Mei', last_name: `Chen ${Math.random()}`, ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

async function repairAt(customerId: string, stage: string) {
  const res = await ctx.request('POST', '/v1/repairs', {
    key: shop.ownerKey,
    body: { customer_id: customerId, item_description: 'Gold signet ring', stage },
  });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; number: string; version: number };
}

function move(id: string, stage: string) {
  return ctx.request('PATCH', `/v1/repairs/${id}`, { key: shop.ownerKey, body: { stage } });
}

async function messages(customerId: string) {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/communications`, {
    key: shop.ownerKey,
  });
  assert.equal(res.status, 200, res.text);
  return res.json.data as {
    id: string;
    kind: string;
    status: string;
    subject: string;
    body_text: string;
    reference_id: string;
    events: { status: string; detail: string | null }[];
  }[];
}

/** Marks a message sent, as the outbox worker would once the mail server accepted it. */
async function markSent(id: string) {
  await ctx.services.db.query(
    `UPDATE communications SET status = 'sent', sent_at = now() WHERE id = $1`,
    [id],
  );
}

function postEvent(body: unknown, options: { secret?: string; at?: number; header?: string } = {}) {
  const raw = JSON.stringify(body);
  const at = options.at ?? Math.floor(Date.now() / 1000);
  return ctx.request('POST', '/v1/communications/events', {
    body: raw,
    headers: {
      'loupe-signature': options.header ?? signatureHeader(options.secret ?? SECRET, at, raw),
    },
  });
}

describe('a repair reaching ready', () => {
  it('queues one message from the tenant’s template, in the move’s transaction', async () => {
    const id = await newCustomer({ email: 'mei@example.com' });
    const repair = await repairAt(id, 'in_workshop');
    assert.deepEqual(await messages(id), [], 'nothing before it is ready');
    const res = await move(repair.id, 'ready');
    assert.equal(res.status, 200, res.text);
    const [message, ...rest] = await messages(id);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [message?.kind, message?.status, message?.reference_id],
      ['repair_ready', 'queued', repair.id],
    );
    assert.equal(message?.subject, 'Your Gold signet ring is ready to collect');
    assert.match(
      message?.body_text ?? '',
      new RegExp(`Hi Mei,[\\s\\S]*${repair.number}[\\s\\S]*Harlow & Finch`),
    );

    // Back to the bench and ready again: a second message; collected: none.
    assert.equal((await move(repair.id, 'in_workshop')).status, 200);
    assert.equal((await move(repair.id, 'ready')).status, 200);
    assert.equal((await move(repair.id, 'collected')).status, 200);
    assert.deepEqual(
      (await messages(id)).map((m) => m.kind),
      ['repair_ready', 'repair_ready'],
    );
  });

  it('uses the tenant’s own wording', async () => {
    const tenant = await ctx.createTenant({ name: 'Wording Co' });
    const patched = await ctx.request('PATCH', '/v1/tenant', {
      key: tenant.ownerKey,
      body: {
        message_templates: {
          repair_ready: {
            subject: '{{repair_number}} is ready',
            body: 'Dear {{first_name}} {{last_name}}.',
          },
        },
      },
    });
    assert.equal(patched.status, 200, patched.text);
    const customer = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Ana', last_name: 'Lee', email: 'ana@example.com' },
    });
    const created = await ctx.request('POST', '/v1/repairs', {
      key: tenant.ownerKey,
      body: { customer_id: customer.json.id, item_description: 'Watch', stage: 'in_workshop' },
    });
    await ctx.request('PATCH', `/v1/repairs/${created.json.id}`, {
      key: tenant.ownerKey,
      body: { stage: 'ready' },
    });
    const log = await ctx.request('GET', `/v1/customers/${customer.json.id}/communications`, {
      key: tenant.ownerKey,
    });
    assert.equal(log.json.data[0].subject, `${created.json.number} is ready`);
    assert.equal(log.json.data[0].body_text, 'Dear Ana Lee.');
  });

  it('sends nothing, and still moves, when the customer can’t be emailed', async () => {
    for (const fields of [
      {},
      { email: 'no@example.com', marketing_consent: { email: { granted: false } } },
      { email: 'sms@example.com', communication_preference: 'sms' },
      { email: 'none@example.com', communication_preference: 'none' },
    ]) {
      const id = await newCustomer(fields);
      const repair = await repairAt(id, 'in_workshop');
      const res = await move(repair.id, 'ready');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.stage, 'ready');
      assert.deepEqual(await messages(id), [], JSON.stringify(fields));
    }
  });

  it('queues nothing when the move is refused', async () => {
    const id = await newCustomer({ email: 'refused@example.com' });
    const repair = await repairAt(id, 'intake');
    const res = await move(repair.id, 'ready');
    assert.equal(res.status, 409, res.text);
    assert.deepEqual(await messages(id), []);
  });
});

describe('delivery events', () => {
  async function sentMessage() {
    const id = await newCustomer({ email: `events${Math.random()}@example.com` });
    const repair = await repairAt(id, 'in_workshop');
    await move(repair.id, 'ready');
    const [message] = await messages(id);
    return { customerId: id, messageId: message!.id };
  }

  it('moves a sent message to delivered, then bounced, once each', async () => {
    const { customerId, messageId } = await sentMessage();
    const event = (type: string, detail?: string) => ({
      event: type,
      tenant_id: shop.id,
      communication_id: messageId,
      ...(detail ? { detail } : {}),
    });
    const early = await postEvent(event('delivered'));
    assert.equal(early.status, 409, early.text);
    assert.equal(early.json.code, 'communication_not_sent');
    await markSent(messageId);

    const delivered = await postEvent(event('delivered'));
    assert.equal(delivered.status, 200, delivered.text);
    assert.deepEqual(delivered.json, {
      communication_id: messageId,
      status: 'delivered',
      changed: true,
    });
    const again = await postEvent(event('delivered'));
    assert.deepEqual(again.json, {
      communication_id: messageId,
      status: 'delivered',
      changed: false,
    });

    const bounced = await postEvent(event('bounced', '550 5.1.1 Mailbox full for good'));
    assert.equal(bounced.json.status, 'bounced');
    const late = await postEvent(event('delivered'));
    assert.deepEqual(late.json, { communication_id: messageId, status: 'bounced', changed: false });

    const [message] = await messages(customerId);
    assert.equal(message?.status, 'bounced');
    assert.deepEqual(
      message?.events.map((e) => e.status),
      ['queued', 'delivered', 'bounced'],
    );
    assert.equal(message?.events[2]?.detail, '550 5.1.1 Mailbox full for good');
  });

  it('refuses a bad, stale or missing signature with 401 and changes nothing', async () => {
    const { customerId, messageId } = await sentMessage();
    await markSent(messageId);
    const body = { event: 'delivered', tenant_id: shop.id, communication_id: messageId };
    const now = Math.floor(Date.now() / 1000);
    const refusals = [
      await postEvent(body, { secret: 'another_secret_that_is_long_enough_123' }),
      await postEvent(body, { at: now - 301 }),
      // A second may tick before the server reads its clock: the margin keeps this outside.
      await postEvent(body, { at: now + 310 }),
      await postEvent(body, { header: 'nonsense' }),
      await postEvent(body, { header: `t=${now},v1=${'0'.repeat(64)}` }),
      await ctx.request('POST', '/v1/communications/events', { body }),
    ];
    for (const res of refusals) {
      assert.equal(res.status, 401, res.text);
      assert.equal(res.json.code, 'invalid_signature');
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    // A body changed after signing doesn't match either.
    const raw = JSON.stringify(body);
    const tampered = await ctx.request('POST', '/v1/communications/events', {
      body: raw.replace('delivered', 'bounced'),
      headers: { 'loupe-signature': signatureHeader(SECRET, now, raw) },
    });
    assert.equal(tampered.status, 401);
    assert.equal((await messages(customerId))[0]?.status, 'sent');
    // Within the tolerance, and with a rotated secret beside the current one: accepted.
    const at = now - 290;
    const rotated = `t=${at},v1=${signatureOf('the_old_secret_being_rotated_out_1', at, raw)},v1=${signatureOf(SECRET, at, raw)}`;
    const ok = await postEvent(body, { header: rotated });
    assert.equal(ok.status, 200, ok.text);
  });

  it('answers 404 for an unknown message or another tenant’s, and 422 naming a bad field', async () => {
    const { messageId } = await sentMessage();
    const unknown = await postEvent({
      event: 'delivered',
      tenant_id: shop.id,
      communication_id: 'com_nope',
    });
    assert.equal(unknown.status, 404, unknown.text);
    const other = await ctx.createTenant({ name: 'Other' });
    const wrongTenant = await postEvent({
      event: 'delivered',
      tenant_id: other.id,
      communication_id: messageId,
    });
    assert.equal(wrongTenant.status, 404);
    const bad = await postEvent({
      event: 'opened',
      tenant_id: shop.id,
      communication_id: messageId,
    });
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.json.errors[0].path, 'event');
  });
});

describe('delivery events without a secret', () => {
  it('are off: the route answers 404', async () => {
    const plain = await createTestContext();
    try {
      const raw = JSON.stringify({ event: 'delivered', tenant_id: 't', communication_id: 'c' });
      const res = await plain.request('POST', '/v1/communications/events', {
        body: raw,
        headers: { 'loupe-signature': signatureHeader(SECRET, Math.floor(Date.now() / 1000), raw) },
      });
      assert.equal(res.status, 404, res.text);
      assert.match(res.json.detail, /LOUPE_MAIL_WEBHOOK_SECRET/);
    } finally {
      await plain.close();
    }
  });

  it('a secret too short stops the server at start, naming the variable', () => {
    assert.throws(
      () => loadConfig({ LOUPE_DATA: 'memory', LOUPE_MAIL_WEBHOOK_SECRET: 'short-secret' }),
      (error: unknown) =>
        error instanceof ConfigError && /LOUPE_MAIL_WEBHOOK_SECRET/.test(error.message),
    );
  });
});
