import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { WebhookWorker } from '../src/resources/webhooks/delivery-worker.js';
import { emitEvent } from '../src/resources/webhooks/emit.js';
import { WebhookSender } from '../src/resources/webhooks/send.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { drainOnTwoInstances, wakesUnlessPaused } from './workers.js';

const HOUR = 3_600_000;
const BACKOFF_MS = 1000;

let receiver: WebhookReceiver;
let ctx: TestContext;
let shop: TestTenant;
let worker: WebhookWorker;
let paused = false;

before(async () => {
  receiver = await startWebhookReceiver();
  ctx = await createTestContext({
    env: { LOUPE_WEBHOOKS_ALLOW_PRIVATE: '1' },
    beforeApp: (services) => {
      worker = new WebhookWorker(services, { policy: { backoffMs: BACKOFF_MS } });
      services.workers.add(wakesUnlessPaused(worker, () => paused));
    },
  });
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
});
after(async () => {
  await ctx.close();
  await receiver.close();
});

const aud = (amount: number) => ({ amount, currency: 'AUD' });

async function register(path: string, eventTypes: string[], extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/webhook-endpoints', {
    key: shop.ownerKey,
    body: { url: receiver.url(path), event_types: eventTypes, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; secret: string; version: number };
}

async function customer(fields: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Mei', last_name: 'Chen', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

async function deliveries(endpointId: string, query = '') {
  const res = await ctx.request('GET', `/v1/webhook-endpoints/${endpointId}/deliveries${query}`, {
    key: shop.ownerKey,
  });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** The bodies that arrived at a path, parsed. */
const payloads = (path: string) => receiver.at(path).map((r) => JSON.parse(r.body));

describe('webhook endpoints', () => {
  it('shows the signing secret once, never on reads, and replays the same create for the same key', async () => {
    const headers = { 'Idempotency-Key': 'register-pos-1' };
    const body = {
      url: receiver.url('/pos'),
      event_types: ['customer.created', 'customer.updated'],
      description: 'Till software',
    };
    const created = await ctx.request('POST', '/v1/webhook-endpoints', {
      key: shop.ownerKey,
      body,
      headers,
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.id, /^whe_/);
    assert.match(created.json.secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
    assert.equal(created.json.enabled, true);
    assert.equal(created.json.disabled_reason, null);
    const replay = await ctx.request('POST', '/v1/webhook-endpoints', {
      key: shop.ownerKey,
      body,
      headers,
    });
    assert.equal(replay.json.id, created.json.id);
    assert.equal(replay.json.secret, created.json.secret);

    const one = await ctx.request('GET', `/v1/webhook-endpoints/${created.json.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.secret, undefined);
    assert.equal(one.json.description, 'Till software');
    assert.equal(one.headers.get('etag'), '"1"');
    const list = await ctx.request('GET', '/v1/webhook-endpoints', { key: shop.ownerKey });
    assert.ok(list.json.data.some((e: { id: string }) => e.id === created.json.id));
    assert.ok(list.json.data.every((e: Record<string, unknown>) => !('secret' in e)));
    assert.doesNotMatch(list.text, /whsec_/);

    const { rows } = await ctx.services.db.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2`,
      [shop.id, created.json.id],
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['webhook_endpoint.created'],
    );
    assert.doesNotMatch(JSON.stringify(rows), /whsec_/);
  });

  it('refuses bad input with the field path and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: receiver.url('/x'), event_types: [] }, 'event_types'],
      [{ url: receiver.url('/x'), event_types: ['customer.deleted'] }, 'event_types.0'],
      [{ url: receiver.url('/x'), event_types: ['sale.created', 'sale.created'] }, 'event_types'],
      [{ url: 'not a url', event_types: ['sale.created'] }, 'url'],
      [{ url: 'ftp://files.example.com/x', event_types: ['sale.created'] }, 'url'],
      [{ url: receiver.url('/x'), event_types: ['sale.created'], secret: 'mine' }, ''],
    ];
    const before = await ctx.request('GET', '/v1/webhook-endpoints?limit=100', {
      key: shop.ownerKey,
    });
    for (const [body, path] of cases) {
      const res = await ctx.request('POST', '/v1/webhook-endpoints', { key: shop.ownerKey, body });
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.code, 'validation_failed');
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${JSON.stringify(body)}: ${res.text}`,
      );
    }
    const afterList = await ctx.request('GET', '/v1/webhook-endpoints?limit=100', {
      key: shop.ownerKey,
    });
    assert.equal(afterList.json.data.length, before.json.data.length);
  });

  it('changes, rotates and deletes an endpoint, with If-Match and audit rows', async () => {
    const endpoint = await register('/rotating', ['customer.created']);
    const stale = await ctx.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
      body: { enabled: false },
      headers: { 'If-Match': '"7"' },
    });
    assert.equal(stale.status, 412, stale.text);
    const changed = await ctx.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
      body: { event_types: ['customer.created', 'customer.erased'], description: 'POS' },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.json.event_types, ['customer.created', 'customer.erased']);
    assert.equal(changed.json.version, 2);

    const rotated = await ctx.request(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      { key: shop.ownerKey, body: {} },
    );
    assert.equal(rotated.status, 200, rotated.text);
    assert.match(rotated.json.secret, /^whsec_/);
    assert.notEqual(rotated.json.secret, endpoint.secret);

    // For a day after the rotation, deliveries verify with the old secret and the new one.
    await customer({ first_name: 'Rotation' });
    await worker.idle();
    const [arrived] = receiver.at('/rotating');
    assert.ok(arrived, 'a delivery arrived');
    assert.equal(arrived.headers['webhook-signature']?.split(' ').length, 2);
    for (const secret of [endpoint.secret, rotated.json.secret]) {
      new Webhook(secret).verify(arrived.body, arrived.headers);
    }

    const removed = await ctx.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(removed.status, 204, removed.text);
    const gone = await ctx.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(gone.status, 404);
    const { rows } = await ctx.services.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY created_at, id`,
      [shop.id, endpoint.id],
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      [
        'webhook_endpoint.created',
        'webhook_endpoint.updated',
        'webhook_endpoint.secret_rotated',
        'webhook_endpoint.deleted',
      ],
    );
  });

  it('refuses credentials below manage_settings, and another tenant’s endpoint is not found', async () => {
    const endpoint = await register('/perm', ['customer.created']);
    const manager = await ctx.createKey(shop.ownerKey, { role: 'manager' });
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya', role: 'owner' },
    });
    assert.equal(session.status, 201, session.text);
    for (const key of [manager, readonly, session.json.token as string]) {
      for (const [method, path, body] of [
        ['GET', '/v1/webhook-endpoints', undefined],
        [
          'POST',
          '/v1/webhook-endpoints',
          { url: receiver.url('/x'), event_types: ['sale.created'] },
        ],
        ['GET', `/v1/webhook-endpoints/${endpoint.id}`, undefined],
        ['PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false }],
        ['DELETE', `/v1/webhook-endpoints/${endpoint.id}`, undefined],
        ['POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {}],
        ['GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, undefined],
      ] as const) {
        const res = await ctx.request(method, path, { key, body });
        assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
        assert.equal(res.json.code, 'permission_denied');
      }
    }
    const still = await ctx.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(still.json.enabled, true);
    assert.equal(still.json.version, 1);

    const other = await ctx.createTenant({ name: 'Other Jewellers' });
    for (const path of [
      `/v1/webhook-endpoints/${endpoint.id}`,
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
    ]) {
      const res = await ctx.request('GET', path, { key: other.ownerKey });
      assert.equal(res.status, 404, res.text);
    }
  });
});

describe('deliveries', () => {
  it('arrive signed per Standard Webhooks, verified by the reference library', async () => {
    const endpoint = await register('/signed', ['customer.created']);
    const id = await customer();
    await worker.idle();
    const [arrived] = receiver.at('/signed');
    assert.ok(arrived, 'the delivery arrived');
    assert.match(arrived.headers['webhook-id'] ?? '', /^evt_/);
    assert.match(arrived.headers['webhook-signature'] ?? '', /^v1,[A-Za-z0-9+/=]+$/);
    assert.equal(arrived.headers['content-type'], 'application/json');
    const verified = new Webhook(endpoint.secret).verify(arrived.body, arrived.headers) as Record<
      string,
      unknown
    >;
    assert.equal(verified.id, arrived.headers['webhook-id']);
    assert.equal(verified.type, 'customer.created');
    assert.deepEqual(verified.data, { customer_id: id });
    assert.throws(() =>
      new Webhook(endpoint.secret).verify(arrived.body.replace(id, 'cus_other'), arrived.headers),
    );

    const log = await deliveries(endpoint.id);
    assert.equal(log.data.length, 1);
    const [delivery] = log.data;
    assert.equal(delivery.event_id, arrived.headers['webhook-id']);
    assert.equal(delivery.event_type, 'customer.created');
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.last_status_code, 200);
    assert.equal(delivery.next_attempt_at, null);
    assert.ok(delivery.delivered_at);
    assert.equal(delivery.attempt_log.length, 1);
    assert.equal(delivery.attempt_log[0].status_code, 200);
  });

  it('carry every event type from its write, with ids and changed field names, never personal data', async () => {
    const all = [
      'customer.created',
      'customer.updated',
      'customer.merged',
      'customer.erased',
      'sale.created',
      'store_credit.adjusted',
      'loyalty.adjusted',
      'repair.stage_changed',
      'passport.transferred',
      'passport.reported_stolen',
    ];
    await register('/all', all);
    const key = shop.ownerKey;
    const target = await customer({ email: 'mei.chen@example.com', mobile: '0412 345 678' });
    const source = await customer({ first_name: 'May', email: 'may.chen@example.com' });
    const ok = (res: { status: number; text: string }, status = 200) =>
      assert.equal(res.status, status, res.text);
    ok(
      await ctx.request('PATCH', `/v1/customers/${target}`, {
        key,
        body: { email: 'mei@example.org', ring_size: 'N' },
      }),
    );
    ok(
      await ctx.request('POST', `/v1/customers/${target}/store-credit/adjustments`, {
        key,
        body: { amount: aud(5000), reason: 'Refund for Mei’s ring' },
      }),
      201,
    );
    ok(
      await ctx.request('POST', `/v1/customers/${target}/loyalty/adjustments`, {
        key,
        body: { points: 120, reason: 'Goodwill' },
      }),
      201,
    );
    const sale = await ctx.request('POST', '/v1/sales', {
      key,
      body: {
        customer_id: target,
        lines: [{ description: 'Band', quantity: 1, unit_price: aud(1000) }],
        payments: [{ method: 'cash', amount: aud(1000) }],
        total: aud(1000),
        external_id: 'POS-991',
      },
    });
    ok(sale, 201);
    const repair = await ctx.request('POST', '/v1/repairs', {
      key,
      body: { customer_id: target, item_description: 'Claw re-tip' },
    });
    ok(repair, 201);
    ok(
      await ctx.request('PATCH', `/v1/repairs/${repair.json.id}`, {
        key,
        body: { stage: 'in_workshop' },
      }),
    );
    const passport = await ctx.request('POST', '/v1/passports', {
      key,
      body: {
        title: 'Solitaire',
        jewellery_type: 'ring',
        description: 'Platinum solitaire',
        metal: 'platinum',
        stones: [],
        images: [],
        owner_email: 'mei@example.org',
      },
    });
    ok(passport, 201);
    ok(
      await ctx.request('POST', `/v1/passports/${passport.json.id}/transfers`, {
        key,
        body: { to_email: 'tom.new.owner@example.com' },
      }),
      201,
    );
    ok(await ctx.request('POST', `/v1/passports/${passport.json.id}/report-stolen`, { key }));
    ok(
      await ctx.request('POST', `/v1/customers/${target}/merge`, {
        key,
        body: { source_customer_id: source },
      }),
    );
    ok(await ctx.request('POST', `/v1/customers/${target}/erase`, { key }));
    await worker.idle();

    const events = payloads('/all');
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    assert.deepEqual(new Set(events.map((e) => e.type)), new Set(all));
    assert.deepEqual(
      byType('customer.created')
        .map((d) => d.customer_id)
        .sort(),
      [target, source].sort(),
    );
    assert.deepEqual(byType('customer.updated'), [
      { customer_id: target, changed_fields: ['email', 'ring_size'] },
    ]);
    assert.deepEqual(byType('customer.merged')[0], {
      customer_id: target,
      merged_customer_id: source,
      merge_id: byType('customer.merged')[0].merge_id,
    });
    assert.ok(byType('customer.erased').some((d) => d.customer_id === target));
    assert.deepEqual(byType('sale.created'), [
      {
        sale_id: sale.json.id,
        customer_id: target,
        type: 'sale',
        total: aud(1000),
        branch_id: null,
        external_id: 'POS-991',
        parent_sale_id: null,
      },
    ]);
    const credit = byType('store_credit.adjusted').find((d) => d.reference_type === null);
    assert.equal(credit.customer_id, target);
    assert.deepEqual(credit.amount, aud(5000));
    assert.deepEqual(credit.balance, aud(5000));
    assert.match(credit.transaction_id, /^sct_/);
    const loyalty = byType('loyalty.adjusted');
    assert.ok(loyalty.some((d) => d.points === 120 && d.customer_id === target));
    assert.deepEqual(byType('repair.stage_changed'), [
      { repair_id: repair.json.id, customer_id: target, from: 'intake', to: 'in_workshop' },
    ]);
    assert.equal(byType('passport.transferred')[0].passport_id, passport.json.id);
    assert.deepEqual(byType('passport.reported_stolen'), [{ passport_id: passport.json.id }]);
    // Ids and field names only: no email, phone, name or free-text reason left the server.
    const wire = receiver
      .at('/all')
      .map((r) => r.body)
      .join('\n');
    for (const personal of [
      'mei.chen@example.com',
      'mei@example.org',
      'tom.new.owner@example.com',
      '+61412',
      'Mei',
      'Chen',
      'Refund for',
      'Claw re-tip',
    ]) {
      assert.ok(!wire.includes(personal), `${personal} was in a delivery`);
    }
  });

  it('retries after a 500 with backoff, logging each attempt and its status code', async () => {
    const endpoint = await register('/flaky/1', ['customer.created']);
    await customer();
    await worker.idle();
    const first = (await deliveries(endpoint.id)).data[0];
    assert.equal(first.status, 'pending');
    assert.equal(first.attempts, 1);
    assert.equal(first.last_status_code, 500);
    assert.equal(first.last_error, 'HTTP 500');
    const failedAt = Date.parse(first.attempt_log[0].at);
    assert.equal(Date.parse(first.next_attempt_at) - failedAt, BACKOFF_MS);

    // Not due yet: a pass now leaves it alone.
    worker.wake();
    await worker.idle();
    assert.equal(receiver.at('/flaky/1').length, 1);

    ctx.clock.advance(BACKOFF_MS);
    worker.wake();
    await worker.idle();
    const second = (await deliveries(endpoint.id)).data[0];
    assert.equal(second.status, 'delivered');
    assert.equal(second.attempts, 2);
    assert.deepEqual(
      second.attempt_log.map((a: { status_code: number }) => a.status_code),
      [500, 200],
    );
    assert.ok(Date.parse(second.attempt_log[1].at) - failedAt >= BACKOFF_MS);
    const arrived = receiver.at('/flaky/1');
    assert.equal(arrived.length, 2);
    assert.equal(arrived[0]!.headers['webhook-id'], arrived[1]!.headers['webhook-id']);
  });

  it('turns off an endpoint whose every attempt failed for a day, with a reason', async () => {
    const endpoint = await register('/down', ['customer.created']);
    await customer();
    await worker.idle();
    let state = await ctx.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(state.json.enabled, true);

    ctx.clock.advance(25 * HOUR);
    worker.wake();
    await worker.idle();
    state = await ctx.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(state.json.enabled, false);
    assert.match(state.json.disabled_reason, /failed for 24 hours.*HTTP 500/);
    const log = await deliveries(endpoint.id);
    assert.equal(log.data[0].status, 'failed');
    assert.equal(log.data[0].attempts, 2);

    // Off: new events aren't queued for it.
    const seen = receiver.at('/down').length;
    await customer();
    await worker.idle();
    assert.equal(receiver.at('/down').length, seen);
    assert.equal((await deliveries(endpoint.id)).data.length, 1);

    const on = await ctx.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
      body: { enabled: true },
    });
    assert.equal(on.json.enabled, true);
    assert.equal(on.json.disabled_reason, null);
    const { rows } = await ctx.services.db.query<{ actor_kind: string }>(
      `SELECT actor_kind FROM audit_log WHERE entity_id = $1 AND action = 'webhook_endpoint.disabled'`,
      [endpoint.id],
    );
    assert.deepEqual(rows, [{ actor_kind: 'system' }]);
  });

  it('turns off at once an endpoint that answers 410 Gone', async () => {
    const endpoint = await register('/gone', ['customer.created']);
    await customer();
    await worker.idle();
    const state = await ctx.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(state.json.enabled, false);
    assert.match(state.json.disabled_reason, /410 Gone/);
    const [delivery] = (await deliveries(endpoint.id)).data;
    assert.equal(delivery.last_status_code, 410);
    assert.equal(delivery.status, 'pending');
  });

  it('are shared by two instances over one database without delivering any event twice', async () => {
    const endpoint = await register('/shared', ['customer.created']);
    paused = true;
    for (let i = 0; i < 12; i++) await customer({ first_name: `Shared ${i}` });
    const policy = { batch: 1 };
    await drainOnTwoInstances(ctx, (services) => new WebhookWorker(services, { policy }));
    paused = false;

    const ids = receiver.at('/shared').map((r) => r.headers['webhook-id']);
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12);
    const log = await deliveries(endpoint.id, '?limit=100');
    assert.equal(log.data.length, 12);
    assert.ok(
      log.data.every(
        (d: { status: string; attempts: number }) => d.status === 'delivered' && d.attempts === 1,
      ),
    );
  });

  it('pages the delivery log newest first', async () => {
    const endpoint = await register('/paged', ['customer.created']);
    for (let i = 0; i < 3; i++) await customer({ first_name: `Paged ${i}` });
    await worker.idle();
    const first = await deliveries(endpoint.id, '?limit=2');
    assert.equal(first.data.length, 2);
    assert.ok(first.next_cursor);
    const second = await deliveries(endpoint.id, `?limit=2&cursor=${first.next_cursor}`);
    assert.equal(second.data.length, 1);
    assert.equal(second.next_cursor, null);
    const all = [...first.data, ...second.data];
    assert.equal(new Set(all.map((d: { id: string }) => d.id)).size, 3);
    assert.ok(all[0].created_at >= all[2].created_at);
    const bad = await ctx.request(
      'GET',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries?cursor=nope`,
      { key: shop.ownerKey },
    );
    assert.equal(bad.status, 422, bad.text);
  });
  it('sweeps deliveries finished more than 30 days ago, keeping those still waiting', async () => {
    const done = await register('/swept', ['customer.created']);
    const waiting = await register('/waiting', ['customer.created']);
    paused = true;
    await customer({ first_name: 'Swept' });
    paused = false;
    // Off before the worker ran: its delivery waits for it to come back on.
    await ctx.request('PATCH', `/v1/webhook-endpoints/${waiting.id}`, {
      key: shop.ownerKey,
      body: { enabled: false },
    });
    worker.wake();
    await worker.idle();
    assert.equal((await deliveries(done.id)).data[0].status, 'delivered');

    ctx.clock.advance(31 * 24 * HOUR);
    worker.wake();
    await worker.idle();
    assert.deepEqual((await deliveries(done.id)).data, []);
    const kept = (await deliveries(waiting.id)).data;
    assert.equal(kept.length, 1);
    assert.equal(kept[0].status, 'pending');
    const { rows } = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND id = $2',
      [shop.id, kept[0].event_id],
    );
    assert.equal(rows[0]!.n, 1, 'the waiting delivery keeps its event');
    const { rows: orphans } = await ctx.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_events e WHERE tenant_id = $1 AND NOT EXISTS (
         SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id)`,
      [shop.id],
    );
    assert.equal(orphans[0]!.n, 0);
  });
});

describe('events and transactions', () => {
  it('a write that rolls back emits nothing', async () => {
    const endpoint = await register('/rollback', ['store_credit.adjusted', 'sale.created']);
    const id = await customer();
    const credit = await ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
      key: shop.ownerKey,
      body: { amount: aud(2000), reason: 'Refund' },
    });
    assert.equal(credit.status, 201, credit.text);
    await worker.idle();
    assert.equal(receiver.at('/rollback').length, 1);

    // The first store-credit tender posts (and emits) before the second is refused: the whole
    // sale rolls back, the event with it.
    const refused = await ctx.request('POST', '/v1/sales', {
      key: shop.ownerKey,
      body: {
        customer_id: id,
        lines: [{ description: 'Band', quantity: 1, unit_price: aud(3000) }],
        payments: [
          { method: 'store_credit', amount: aud(1500) },
          { method: 'store_credit', amount: aud(1500) },
        ],
        total: aud(3000),
      },
    });
    assert.equal(refused.status, 409, refused.text);
    // And directly: an event emitted in a transaction that then throws.
    await assert.rejects(
      ctx.services.db.transaction(async (tx) => {
        await emitEvent(tx, ctx.services.ids, {
          tenantId: shop.id,
          type: 'sale.created',
          data: {
            sale_id: 'sal_rolled_back',
            customer_id: null,
            type: 'sale',
            total: aud(1),
            branch_id: null,
            external_id: null,
            parent_sale_id: null,
          },
          at: ctx.clock.now(),
        });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    worker.wake();
    await worker.idle();
    assert.equal(receiver.at('/rollback').length, 1);
    assert.equal((await deliveries(endpoint.id)).data.length, 1);
    const { rows } = await ctx.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND type = 'sale.created'
          AND data->>'sale_id' = 'sal_rolled_back'`,
      [shop.id],
    );
    assert.equal(rows[0]!.n, 0);
  });
});

describe('private addresses (SSRF)', () => {
  let strict: TestContext;
  let tenant: TestTenant;
  let strictWorker: WebhookWorker;
  before(async () => {
    strict = await createTestContext({
      beforeApp: (services) => {
        strictWorker = new WebhookWorker(services);
        services.workers.add(strictWorker);
      },
    });
    tenant = await strict.createTenant();
  });
  after(() => strict.close());

  it('refuses loopback, link-local, private and non-https URLs at registration and on change', async () => {
    for (const url of [
      'http://hooks.example.com/x',
      'https://localhost/x',
      'https://pos.localhost/x',
      'https://127.0.0.1/x',
      'https://127.1.2.3:8443/x',
      'https://10.0.0.5/x',
      'https://172.16.4.2/x',
      'https://192.168.1.10/x',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/x',
      'https://0.0.0.0/x',
      'https://[::1]/x',
      'https://[fe80::1]/x',
      'https://[fd12:3456::1]/x',
      'https://[::ffff:192.168.1.1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://user:pw@hooks.example.com/x',
    ]) {
      const res = await strict.request('POST', '/v1/webhook-endpoints', {
        key: tenant.ownerKey,
        body: { url, event_types: ['customer.created'] },
      });
      assert.equal(res.status, 422, `${url}: ${res.text}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(
        res.json.errors.map((e: { path: string }) => e.path),
        ['url'],
        url,
      );
    }
    const ok = await strict.request('POST', '/v1/webhook-endpoints', {
      key: tenant.ownerKey,
      body: { url: 'https://hooks.example.com/loupe', event_types: ['customer.created'] },
    });
    assert.equal(ok.status, 201, ok.text);
    const moved = await strict.request('PATCH', `/v1/webhook-endpoints/${ok.json.id}`, {
      key: tenant.ownerKey,
      body: { url: 'https://10.1.1.1/loupe' },
    });
    assert.equal(moved.status, 422, moved.text);
    assert.equal(moved.json.errors[0].path, 'url');
    const list = await strict.request('GET', '/v1/webhook-endpoints', { key: tenant.ownerKey });
    assert.deepEqual(
      list.json.data.map((e: { url: string }) => e.url),
      ['https://hooks.example.com/loupe'],
    );
  });

  it('refuses at delivery an endpoint that points at a private address, and logs why', async () => {
    const res = await strict.request('POST', '/v1/webhook-endpoints', {
      key: tenant.ownerKey,
      body: { url: 'https://hooks.example.com/private', event_types: ['customer.created'] },
    });
    assert.equal(res.status, 201, res.text);
    // As if registered while the operator allowed private addresses, and allowed no longer.
    await strict.services.db.query(
      'UPDATE webhook_endpoints SET url = $3 WHERE tenant_id = $1 AND id = $2',
      [tenant.id, res.json.id, receiver.url('/private').replace('http:', 'https:')],
    );
    const before = receiver.received.length;
    const made = await strict.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Ssrf' },
    });
    assert.equal(made.status, 201, made.text);
    await strictWorker.idle();
    assert.equal(receiver.received.length, before);
    const log = await strict.request('GET', `/v1/webhook-endpoints/${res.json.id}/deliveries`, {
      key: tenant.ownerKey,
    });
    const [delivery] = log.json.data;
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.last_status_code, null);
    assert.match(delivery.last_error, /refused: .*private, loopback or link-local/);
  });

  it('refuses the connection when a name resolves to a private address', async () => {
    const sender = new WebhookSender({ allowPrivate: false, timeoutMs: 5000 });
    const before = receiver.received.length;
    const port = new URL(receiver.url('/')).port;
    const result = await sender.send(`http://localhost:${port}/resolved`, {}, '{}');
    sender.close();
    assert.equal(result.statusCode, null);
    assert.match(result.error ?? '', /localhost resolves to (127\.0\.0\.1|::1), a private/);
    assert.equal(receiver.received.length, before);
  });
});
