import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Wish Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });

async function newCustomer(extra: Record<string, unknown> = {}, tenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Eleanor', last_name: `Wish ${Math.random()}`, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

async function addItem(
  customerId: string,
  extra: Record<string, unknown> = {},
  key = shop.ownerKey,
) {
  const res = await ctx.request('POST', `/v1/customers/${customerId}/wishlist`, {
    key,
    body: {
      sku: 'ER-SAP-0412',
      name: 'Sapphire eternity band',
      retail_price: aud(489_000),
      ...extra,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

function notify(customerId: string, itemId: string, body?: unknown, key = shop.ownerKey) {
  return ctx.request('POST', `/v1/customers/${customerId}/wishlist/${itemId}/notify`, {
    key,
    ...(body === undefined ? {} : { body }),
  });
}

async function auditActions(
  customerId: string,
): Promise<{ action: string; changes: { field: string; before: unknown; after: unknown }[] }[]> {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/history?limit=100`, {
    key: shop.ownerKey,
  });
  return res.json.data.filter((e: { action: string }) => e.action.startsWith('wishlist.'));
}

describe('wishlist', () => {
  it('adds items with a price snapshot and who added them, and lists them newest first', async () => {
    const id = await newCustomer();
    const staff = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Sophie', role: 'staff' },
    });
    const first = await addItem(id, { note: 'For the anniversary' }, staff.json.token);
    assert.match(first.id, /^wsh_/);
    assert.deepEqual(
      [
        first.sku,
        first.name,
        first.retail_price,
        first.available,
        first.added_by.name,
        first.notified_at,
        first.version,
      ],
      ['ER-SAP-0412', 'Sapphire eternity band', aud(489_000), false, 'Sophie', null, 1],
    );
    const second = await addItem(id, {
      sku: null,
      name: 'Pearl studs',
      retail_price: aud(0),
      available: true,
    });
    const list = await ctx.request('GET', `/v1/customers/${id}/wishlist?limit=1`, {
      key: shop.ownerKey,
    });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.json.data.map((i: { id: string }) => i.id),
      [second.id],
    );
    const next = await ctx.request(
      'GET',
      `/v1/customers/${id}/wishlist?limit=1&cursor=${list.json.next_cursor}`,
      {
        key: shop.ownerKey,
      },
    );
    assert.deepEqual(
      next.json.data.map((i: { id: string }) => i.id),
      [first.id],
    );
    assert.equal(next.json.next_cursor, null);
    const summary = await ctx.request('GET', `/v1/customers/${id}/summary`, { key: shop.ownerKey });
    assert.equal(summary.json.counts.wishlist, 2);
    const [added] = await auditActions(id);
    assert.equal(added?.action, 'wishlist.added');
  });

  it('refuses bad items with the field named and writes nothing', async () => {
    const id = await newCustomer();
    const cases: [Record<string, unknown>, string][] = [
      [{ retail_price: aud(100) }, 'name'],
      [{ name: 'Ring', retail_price: { amount: 1.5, currency: 'AUD' } }, 'retail_price.amount'],
      [{ name: 'Ring', retail_price: aud(-1) }, 'retail_price.amount'],
      [{ name: 'Ring', retail_price: { amount: 100, currency: 'NZD' } }, 'retail_price.currency'],
      [{ name: 'Ring' }, 'retail_price'],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.request('POST', `/v1/customers/${id}/wishlist`, {
        key: shop.ownerKey,
        body,
      });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.json.errors[0].path, path, res.text);
    }
    const list = await ctx.request('GET', `/v1/customers/${id}/wishlist`, { key: shop.ownerKey });
    assert.deepEqual(list.json.data, []);
  });

  it('lets the host say a piece is in stock, with If-Match, audited', async () => {
    const id = await newCustomer();
    const item = await addItem(id);
    const path = `/v1/customers/${id}/wishlist/${item.id}`;
    const patched = await ctx.request('PATCH', path, {
      key: shop.ownerKey,
      body: { available: true },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.available, true);
    assert.equal(patched.json.version, 2);
    assert.equal(patched.headers.get('etag'), '"2"');
    const stale = await ctx.request('PATCH', path, {
      key: shop.ownerKey,
      body: { available: false },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.json.current_version, 2);
    const bad = await ctx.request('PATCH', path, {
      key: shop.ownerKey,
      body: { available: 'yes' },
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.errors[0].path, 'available');
    const updated = (await auditActions(id)).find((e) => e.action === 'wishlist.updated');
    assert.deepEqual(updated?.changes[1], {
      field: 'wishlist.available',
      before: false,
      after: true,
    });
  });

  it('notifies once through the outbox from the tenant’s template, then only when forced with a reason', async () => {
    const id = await newCustomer({ email: 'eleanor@example.com' });
    const item = await addItem(id, { available: true });
    const first = await notify(id, item.id);
    assert.equal(first.status, 202, first.text);
    assert.ok(first.json.item.notified_at);
    assert.equal(first.json.item.notification_id, first.json.communication.id);
    const message = first.json.communication;
    assert.deepEqual(
      [message.kind, message.status, message.to, message.reference_type, message.reference_id],
      ['wishlist_available', 'queued', 'eleanor@example.com', 'wishlist_item', item.id],
    );
    assert.equal(message.subject, 'Sapphire eternity band is in store');
    assert.match(message.body_text, /^Hi Eleanor,/);
    assert.match(message.body_text, /Wish Jewellers \(A\$4,890\.00\)/);

    const again = await notify(id, item.id);
    assert.equal(again.status, 409, again.text);
    assert.equal(again.json.code, 'wishlist_already_notified');
    assert.equal(again.json.notified_at, first.json.item.notified_at);
    const noReason = await notify(id, item.id, { force: true });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.json.errors[0].path, 'reason');

    const forced = await notify(id, item.id, {
      force: true,
      reason: 'She called: the first one went to spam',
    });
    assert.equal(forced.status, 202, forced.text);
    assert.notEqual(forced.json.communication.id, message.id);
    const log = await ctx.request('GET', `/v1/customers/${id}/communications`, {
      key: shop.ownerKey,
    });
    assert.equal(log.json.data.length, 2, 'the refused notifications queued nothing');
    const notified = (await auditActions(id)).filter((e) => e.action === 'wishlist.notified');
    assert.equal(notified.length, 2);
    assert.deepEqual(notified[0]?.changes.at(-1), {
      field: 'wishlist.force_reason',
      before: null,
      after: 'She called: the first one went to spam',
    });

    const templated = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: {
        message_templates: {
          wishlist_available: {
            subject: 'Back in: {{item_name}}',
            body: 'Dear {{first_name}}, {{sku}} is here.',
          },
        },
      },
    });
    assert.equal(templated.status, 200, templated.text);
    const other = await addItem(id, { name: 'Opal ring', sku: 'OP-1' });
    const custom = await notify(id, other.id);
    assert.equal(custom.json.communication.subject, 'Back in: Opal ring');
    assert.equal(custom.json.communication.body_text, 'Dear Eleanor, OP-1 is here.');

    const unknown = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: {
        message_templates: { wishlist_available: { subject: 'Hi {{nickname}}', body: 'x' } },
      },
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.errors[0].path, 'message_templates.wishlist_available.subject');
    const reset = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { message_templates: { wishlist_available: null } },
    });
    assert.equal(
      reset.json.message_templates.wishlist_available.subject,
      '{{item_name}} is in store',
    );
  });

  it('respects consent and preference the way emails do, queuing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'customer_has_no_email'],
      [
        { email: 'no@example.com', marketing_consent: { email: { granted: false } } },
        'email_consent_withdrawn',
      ],
      [
        { email: 'sms@example.com', communication_preference: 'sms' },
        'communication_preference_not_email',
      ],
    ];
    for (const [fields, code] of cases) {
      const id = await newCustomer(fields);
      const item = await addItem(id);
      const res = await notify(id, item.id);
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json.code, code);
      const list = await ctx.request('GET', `/v1/customers/${id}/wishlist`, { key: shop.ownerKey });
      assert.equal(list.json.data[0].notified_at, null);
      const log = await ctx.request('GET', `/v1/customers/${id}/communications`, {
        key: shop.ownerKey,
      });
      assert.deepEqual(log.json.data, []);
    }
  });

  it('removes an item with an audit row that keeps what it was', async () => {
    const id = await newCustomer();
    const item = await addItem(id);
    const path = `/v1/customers/${id}/wishlist/${item.id}`;
    const gone = await ctx.request('DELETE', path, { key: shop.ownerKey });
    assert.equal(gone.status, 204, gone.text);
    assert.equal((await ctx.request('DELETE', path, { key: shop.ownerKey })).status, 404);
    assert.equal((await notify(id, item.id)).status, 404);
    const removed = (await auditActions(id)).find((e) => e.action === 'wishlist.removed');
    const before = removed?.changes[0]?.before as { name: string } | undefined;
    assert.equal(before?.name, 'Sapphire eternity band');
  });

  it('is permissioned and the tenant’s own', async () => {
    const id = await newCustomer({ email: 'p@example.com' });
    const item = await addItem(id);
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/wishlist`, { key: readonly })).status,
      200,
    );
    const refused = await ctx.request('POST', `/v1/customers/${id}/wishlist`, {
      key: readonly,
      body: { name: 'Ring', retail_price: aud(1) },
    });
    assert.equal(refused.status, 403);
    assert.equal((await notify(id, item.id, undefined, readonly)).status, 403);
    const other = await ctx.createTenant({ name: 'Elsewhere' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/wishlist`, { key: other.ownerKey })).status,
      404,
    );
    assert.equal((await notify(id, item.id, undefined, other.ownerKey)).status, 404);
    const otherCustomer = await newCustomer({}, other);
    assert.equal(
      (
        await ctx.request('DELETE', `/v1/customers/${otherCustomer}/wishlist/${item.id}`, {
          key: other.ownerKey,
        })
      ).status,
      404,
      'an item is found only under its own customer',
    );
  });

  it('moves with a merge and is deleted by erasure', async () => {
    const target = await newCustomer();
    const source = await newCustomer();
    const item = await addItem(source);
    const merged = await ctx.request('POST', `/v1/customers/${target}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.json.records.wishlist, 1);
    const list = await ctx.request('GET', `/v1/customers/${source}/wishlist`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      list.json.data.map((i: { id: string; customer_id: string }) => [i.id, i.customer_id]),
      [[item.id, target]],
    );
    const refused = await ctx.request('POST', `/v1/customers/${source}/wishlist`, {
      key: shop.ownerKey,
      body: { name: 'Ring', retail_price: aud(1) },
    });
    assert.equal(refused.json.code, 'customer_merged');

    const exported = await ctx.request('GET', `/v1/customers/${target}/export`, {
      key: shop.ownerKey,
    });
    assert.equal(exported.json.wishlist[0].id, item.id);
    const erased = await ctx.request('POST', `/v1/customers/${target}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);
    const { rows } = await ctx.services.db.query(
      'SELECT id FROM wishlist_items WHERE customer_id = $1',
      [target],
    );
    assert.deepEqual(rows, []);
  });

  it('applies a retried notify once', async () => {
    const id = await newCustomer({ email: 'once@example.com' });
    const item = await addItem(id);
    const headers = { 'Idempotency-Key': `notify-${item.id}` };
    const path = `/v1/customers/${id}/wishlist/${item.id}/notify`;
    const first = await ctx.request('POST', path, { key: shop.ownerKey, headers });
    const again = await ctx.request('POST', path, { key: shop.ownerKey, headers });
    assert.equal(first.status, 202, first.text);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.json.communication.id, first.json.communication.id);
    const log = await ctx.request('GET', `/v1/customers/${id}/communications`, {
      key: shop.ownerKey,
    });
    assert.equal(log.json.data.length, 1);
  });
});
