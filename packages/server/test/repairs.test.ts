import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Bench Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const DAY = 86_400_000;

async function newCustomer(fields: Record<string, unknown> = {}, key = shop.ownerKey) {
  const res = await ctx.request('POST', '/v1/customers', {
    key,
    body: { first_name: 'Ada', last_name: `Bench ${Math.random()}`, ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

function createRepair(body: Record<string, unknown>, key = shop.ownerKey, headers = {}) {
  return ctx.request('POST', '/v1/repairs', {
    key,
    body: { item_description: '18ct solitaire, claw re-tip', ...body },
    headers,
  });
}

function patch(id: string, body: Record<string, unknown>, key = shop.ownerKey, headers = {}) {
  return ctx.request('PATCH', `/v1/repairs/${id}`, { key, body, headers });
}

async function repair(customerId: string, body: Record<string, unknown> = {}) {
  const res = await createRepair({ customer_id: customerId, ...body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function branch(name: string): Promise<string> {
  const res = await ctx.request('POST', '/v1/branches', { key: shop.ownerKey, body: { name } });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

describe('taking in a repair', () => {
  it('numbers it from the tenant’s counter and records its first stage, who and when', async () => {
    const other = await ctx.createTenant({ name: 'Other Counter' });
    const customerId = await newCustomer();
    const res = await createRepair({
      customer_id: customerId,
      condition_notes: 'Stone moves when tapped',
      quoted_price: aud(18_000),
      due_at: '2026-12-18T17:00:00+11:00',
      assigned_to: 'Tom',
    });
    assert.equal(res.status, 201, res.text);
    const created = res.json;
    assert.match(created.id, /^rep_/);
    assert.match(created.number, /^RP-\d{4,}$/);
    assert.equal(res.headers.get('location'), `/v1/repairs/${created.id}`);
    assert.equal(res.headers.get('etag'), '"1"');
    assert.equal(created.stage, 'intake');
    assert.deepEqual(created.quoted_price, aud(18_000));
    assert.equal(created.due_at, '2026-12-18T06:00:00.000Z');
    assert.equal(created.condition_notes, 'Stone moves when tapped');
    assert.equal(created.assigned_to, 'Tom');
    assert.equal(created.branch_id, null);
    assert.equal(created.version, 1);
    assert.equal(created.stage_history.length, 1);
    assert.equal(created.stage_history[0].stage, 'intake');
    assert.equal(created.stage_history[0].previous_stage, null);
    assert.equal(created.stage_history[0].actor.kind, 'secret');

    const next = await repair(customerId);
    const n = (s: string) => Number(s.slice(3));
    assert.equal(n(next.number), n(created.number) + 1, 'numbers follow one another');
    // Another tenant's counter is its own.
    const theirs = await ctx.request('POST', '/v1/repairs', {
      key: other.ownerKey,
      body: {
        customer_id: await newCustomer({}, other.ownerKey),
        item_description: 'Chain repair',
      },
    });
    assert.equal(theirs.json.number, 'RP-1001');

    const fetched = await ctx.request('GET', `/v1/repairs/${created.id}`, { key: shop.ownerKey });
    assert.equal(fetched.status, 200, fetched.text);
    assert.deepEqual(fetched.json, created);

    const audit = await ctx.services.db.query<{ action: string; changes: { field: string }[] }>(
      `SELECT action, changes FROM audit_log WHERE entity_type = 'repair' AND entity_id = $1`,
      [created.id],
    );
    assert.equal(audit.rows[0]?.action, 'repair.created');
    assert.deepEqual(
      audit.rows[0]?.changes.map((c) => c.field),
      [
        'number',
        'customer_id',
        'item_description',
        'condition_notes',
        'quoted_price',
        'due_at',
        'assigned_to',
        'stage',
      ],
    );
  });

  it('gives concurrent creates distinct numbers with no gaps', async () => {
    const customerId = await newCustomer();
    const made = await Promise.all(
      Array.from({ length: 6 }, () => createRepair({ customer_id: customerId })),
    );
    for (const res of made) assert.equal(res.status, 201, res.text);
    const numbers = made.map((res) => Number(res.json.number.slice(3))).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 6);
    assert.equal(numbers[5]! - numbers[0]!, 5, `no gaps: ${numbers.join(', ')}`);
  });

  it('replays an Idempotency-Key retry without taking a second number', async () => {
    const customerId = await newCustomer();
    const headers = { 'Idempotency-Key': `rep-${Math.random()}` };
    const first = await createRepair({ customer_id: customerId }, shop.ownerKey, headers);
    const again = await createRepair({ customer_id: customerId }, shop.ownerKey, headers);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(again.json.id, first.json.id);
    const list = await ctx.request('GET', `/v1/repairs?customer_id=${customerId}`, {
      key: shop.ownerKey,
    });
    assert.equal(list.json.data.length, 1);
  });

  it('may start a piece already under way, but never finished', async () => {
    const customerId = await newCustomer();
    const res = await createRepair({ customer_id: customerId, stage: 'in_workshop' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.stage, 'in_workshop');
    const done = await createRepair({ customer_id: customerId, stage: 'collected' });
    assert.equal(done.status, 422, done.text);
    assert.equal(done.json.errors[0].path, 'stage');
  });

  it('answers every bad input with the field’s path and writes nothing', async () => {
    const customerId = await newCustomer();
    const cases: [Record<string, unknown>, string][] = [
      [{ customer_id: customerId, item_description: '  ' }, 'item_description'],
      [{ customer_id: customerId, quoted_price: aud(-1) }, 'quoted_price.amount'],
      [{ customer_id: customerId, quoted_price: aud(10.5) }, 'quoted_price.amount'],
      [
        { customer_id: customerId, quoted_price: { amount: 100, currency: 'NZD' } },
        'quoted_price.currency',
      ],
      [{ customer_id: customerId, due_at: 'next friday' }, 'due_at'],
      [{ customer_id: customerId, branch_id: 'br_nowhere' }, 'branch_id'],
      [{ customer_id: 'cus_nobody' }, 'customer_id'],
      [{ customer_id: customerId, colour: 'gold' }, ''],
      [{ item_description: 'No customer' }, 'customer_id'],
      [{ customer_id: customerId, condition_notes: 'x'.repeat(2001) }, 'condition_notes'],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.request('POST', '/v1/repairs', {
        key: shop.ownerKey,
        body: { item_description: 'Ring', ...body },
      });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${JSON.stringify(body)} names ${path}: ${res.text}`,
      );
    }
    const list = await ctx.request('GET', `/v1/repairs?customer_id=${customerId}`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(list.json.data, []);
  });

  it('refuses an archived or merged customer with 409', async () => {
    const customerId = await newCustomer();
    await ctx.request('POST', `/v1/customers/${customerId}/archive`, { key: shop.ownerKey });
    const res = await createRepair({ customer_id: customerId });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'customer_archived');
  });
});

describe('moving a repair through the workshop', () => {
  it('moves one step at a time, keeps every move, and refuses a wrong one naming the allowed ones', async () => {
    const customerId = await newCustomer();
    const created = await repair(customerId);

    const early = await patch(created.id, { stage: 'collected' });
    assert.equal(early.status, 409, early.text);
    assert.equal(early.json.code, 'stage_transition_not_allowed');
    assert.deepEqual(early.json.allowed_stages, ['in_workshop', 'cancelled']);
    assert.equal(early.json.stage, 'intake');
    assert.match(early.json.detail, /`in_workshop` or `cancelled`/);

    const staff = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Tom', role: 'staff' },
    });
    const tom = staff.json.token as string;
    ctx.clock.advance(60_000);
    const bench = await patch(created.id, { stage: 'in_workshop' }, tom);
    assert.equal(bench.status, 200, bench.text);
    ctx.clock.advance(60_000);
    const ready = await patch(created.id, { stage: 'ready', stage_note: 'Re-tipped, polished' });
    ctx.clock.advance(60_000);
    const collected = await patch(created.id, { stage: 'collected' });
    assert.equal(collected.status, 200, collected.text);
    assert.equal(collected.json.version, 4);
    assert.deepEqual(
      collected.json.stage_history.map((h: { stage: string; previous_stage: string | null }) => [
        h.previous_stage,
        h.stage,
      ]),
      [
        [null, 'intake'],
        ['intake', 'in_workshop'],
        ['in_workshop', 'ready'],
        ['ready', 'collected'],
      ],
    );
    const [, onBench, onReady] = collected.json.stage_history;
    assert.equal(onBench.actor.kind, 'session');
    assert.equal(onBench.actor.name, 'Tom');
    assert.equal(onReady.note, 'Re-tipped, polished');
    assert.equal(ready.json.stage_history[2].at, ready.json.updated_at);
    const times = collected.json.stage_history.map((h: { at: string }) => Date.parse(h.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );

    for (const stage of ['ready', 'cancelled', 'intake']) {
      const res = await patch(created.id, { stage });
      assert.equal(res.status, 409, res.text);
      assert.deepEqual(res.json.allowed_stages, [], 'nothing after collected');
    }
    // Repeating the current stage is no move at all.
    const same = await patch(created.id, { stage: 'collected' });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.json.version, 4);
  });

  it('lets a ready piece go back to the bench, and cancels from any open stage', async () => {
    const customerId = await newCustomer();
    const created = await repair(customerId, { stage: 'ready' });
    const back = await patch(created.id, {
      stage: 'in_workshop',
      stage_note: 'Claw still catches',
    });
    assert.equal(back.status, 200, back.text);
    const cancelled = await patch(created.id, { stage: 'cancelled' });
    assert.equal(cancelled.status, 200, cancelled.text);
    const revived = await patch(created.id, { stage: 'intake' });
    assert.equal(revived.status, 409, revived.text);
  });

  it('refuses a stage_note without a move', async () => {
    const created = await repair(await newCustomer());
    const res = await patch(created.id, { stage_note: 'just a note' });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.errors[0].path, 'stage_note');
  });

  it('audits each changed field, honours If-Match, and writes nothing when nothing changes', async () => {
    const created = await repair(await newCustomer(), { quoted_price: aud(9000) });
    const stale = await patch(created.id, { assigned_to: 'Mia' }, shop.ownerKey, {
      'If-Match': '"7"',
    });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(stale.json.code, 'version_conflict');
    assert.equal(stale.json.current_version, 1);

    const changed = await patch(
      created.id,
      { assigned_to: 'Mia', quoted_price: aud(12_000), due_at: '2027-01-05T00:00:00Z' },
      shop.ownerKey,
      { 'If-Match': '"1"' },
    );
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.version, 2);
    assert.equal(changed.headers.get('etag'), '"2"');

    const unchanged = await patch(created.id, {
      assigned_to: 'Mia',
      due_at: '2027-01-05T11:00:00+11:00',
    });
    assert.equal(unchanged.json.version, 2, 'the same values in another spelling change nothing');

    const audit = await ctx.services.db.query<{ changes: unknown[] }>(
      `SELECT changes FROM audit_log WHERE entity_type = 'repair' AND entity_id = $1 AND action = 'repair.updated'`,
      [created.id],
    );
    assert.equal(audit.rows.length, 1);
    assert.deepEqual(audit.rows[0]?.changes, [
      { field: 'quoted_price', before: aud(9000), after: aud(12_000) },
      { field: 'due_at', before: null, after: '2027-01-05T00:00:00.000Z' },
      { field: 'assigned_to', before: null, after: 'Mia' },
    ]);

    const bad = await patch(created.id, { quoted_price: { amount: 1, currency: 'USD' } });
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.json.errors[0].path, 'quoted_price.currency');
    const cleared = await patch(created.id, { quoted_price: null, item_description: 'Bangle' });
    assert.equal(cleared.json.quoted_price, null);
    assert.equal(cleared.json.item_description, 'Bangle');
    const unknownStage = await patch(created.id, { stage: 'polishing' });
    assert.equal(unknownStage.status, 422, unknownStage.text);
    assert.equal(unknownStage.json.errors[0].path, 'stage');
  });

  it('answers 404 for an unknown repair or another tenant’s', async () => {
    const created = await repair(await newCustomer());
    const other = await ctx.createTenant({ name: 'Elsewhere' });
    for (const [method, key] of [
      ['GET', other.ownerKey],
      ['PATCH', other.ownerKey],
    ] as const) {
      const res = await ctx.request(method, `/v1/repairs/${created.id}`, {
        key,
        ...(method === 'PATCH' ? { body: { stage: 'cancelled' } } : {}),
      });
      assert.equal(res.status, 404, res.text);
    }
    const unknown = await ctx.request('GET', '/v1/repairs/rep_nothing', { key: shop.ownerKey });
    assert.equal(unknown.status, 404);
    const list = await ctx.request('GET', `/v1/repairs?customer_id=${created.customer_id}`, {
      key: other.ownerKey,
    });
    assert.deepEqual(list.json.data, []);
  });
});

describe('listing repairs', () => {
  it('slices the same rows as a workshop board, a customer’s tab and the overdue list', async () => {
    const shopFront = await branch('Board Front');
    const back = await branch('Board Back');
    const alice = await newCustomer();
    const bob = await newCustomer();
    const now = ctx.clock.now().getTime();
    const a1 = await repair(alice, {
      branch_id: shopFront,
      due_at: new Date(now - 3 * DAY).toISOString(),
    });
    const a2 = await repair(alice, {
      branch_id: back,
      due_at: new Date(now - 1 * DAY).toISOString(),
    });
    const b1 = await repair(bob, {
      branch_id: shopFront,
      due_at: new Date(now + 5 * DAY).toISOString(),
    });
    const b2 = await repair(bob, {
      branch_id: shopFront,
      stage: 'ready',
      due_at: new Date(now - 9 * DAY).toISOString(),
    });
    await patch(a1.id, { stage: 'in_workshop' });
    await patch(b1.id, { stage: 'in_workshop' });

    const get = async (query: string) => {
      const res = await ctx.request('GET', `/v1/repairs?${query}`, { key: shop.ownerKey });
      assert.equal(res.status, 200, res.text);
      return res.json.data.map((r: { id: string }) => r.id);
    };
    assert.deepEqual(await get(`customer_id=${alice}`), [a2.id, a1.id], 'newest first');
    assert.deepEqual(await get(`branch_id=${shopFront}&stage=in_workshop`), [b1.id, a1.id]);
    assert.deepEqual(await get(`branch_id=${shopFront}&stage=ready`), [b2.id]);
    const overdue = await ctx.request('GET', '/v1/repairs?overdue=true&limit=100', {
      key: shop.ownerKey,
    });
    const overdueIds = overdue.json.data.map((r: { id: string }) => r.id);
    assert.deepEqual(
      overdueIds.filter((id: string) => [a1.id, a2.id, b1.id, b2.id].includes(id)),
      [a1.id, a2.id],
      'work still to do past its date, most overdue first; a ready piece is not overdue',
    );
    assert.ok(overdue.json.data.every((r: { overdue: boolean }) => r.overdue));
    assert.equal(
      (await ctx.request('GET', `/v1/repairs/${b1.id}`, { key: shop.ownerKey })).json.overdue,
      false,
    );

    // The clock moves on: b1 becomes overdue without anything being written.
    ctx.clock.advance(6 * DAY);
    assert.ok((await get(`overdue=true&customer_id=${bob}`)).includes(b1.id));
    ctx.clock.advance(-6 * DAY);

    const byNumber = await get(
      `number=${encodeURIComponent(a2.number.toLowerCase().replace('-', ' '))}`,
    );
    assert.deepEqual(byNumber, [a2.id]);
  });

  it('pages with cursors in either order and refuses a cursor it didn’t make', async () => {
    const customerId = await newCustomer();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await repair(customerId, {
          due_at: new Date(ctx.clock.now().getTime() - (i + 1) * DAY).toISOString(),
        }),
      );
    }
    const walk = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await ctx.request(
          'GET',
          `/v1/repairs?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { key: shop.ownerKey },
        );
        assert.equal(res.status, 200, res.text);
        ids.push(...res.json.data.map((r: { id: string }) => r.id));
        cursor = res.json.next_cursor;
      } while (cursor);
      return ids;
    };
    const ids = made.map((r) => r.id);
    assert.deepEqual(await walk(`customer_id=${customerId}`), [...ids].reverse());
    assert.deepEqual(
      await walk(`customer_id=${customerId}&overdue=true`),
      [...ids].reverse(),
      'most overdue first',
    );

    const page = await ctx.request('GET', `/v1/repairs?customer_id=${customerId}&limit=2`, {
      key: shop.ownerKey,
    });
    const mixed = await ctx.request(
      'GET',
      `/v1/repairs?overdue=true&cursor=${encodeURIComponent(page.json.next_cursor)}`,
      { key: shop.ownerKey },
    );
    assert.equal(mixed.status, 422, mixed.text);
    assert.equal(mixed.json.errors[0].path, 'cursor');
    const junk = await ctx.request('GET', '/v1/repairs?cursor=nope', { key: shop.ownerKey });
    assert.equal(junk.status, 422, junk.text);
    const badStage = await ctx.request('GET', '/v1/repairs?stage=lost', { key: shop.ownerKey });
    assert.equal(badStage.status, 422, badStage.text);
    assert.equal(badStage.json.errors[0].path, 'stage');
  });
});

describe('who may see and change repairs', () => {
  it('lets readonly keys look but not touch, and follows the tenant’s matrix', async () => {
    const customerId = await newCustomer();
    const created = await repair(customerId);
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal(
      (await ctx.request('GET', `/v1/repairs/${created.id}`, { key: readonly })).status,
      200,
    );
    const refused = await createRepair({ customer_id: customerId }, readonly);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.json.code, 'permission_denied');
    assert.equal((await patch(created.id, { stage: 'cancelled' }, readonly)).status, 403);

    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    assert.equal((await createRepair({ customer_id: customerId }, staff)).status, 201);
    const matrix = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { role_permissions: { staff: ['view_customers', 'edit_repair'] } },
    });
    assert.equal(matrix.status, 200, matrix.text);
    assert.equal((await createRepair({ customer_id: customerId }, staff)).status, 403);
    assert.equal((await patch(created.id, { assigned_to: 'Staff' }, staff)).status, 200);
    await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { role_permissions: null },
    });
  });

  it('shows a branch key the repairs of the customers it can see, and keeps its repairs in its branch', async () => {
    const north = await branch('North Bench');
    const south = await branch('South Bench');
    const northKey = await ctx.createKey(shop.ownerKey, {
      role: 'staff',
      branch_id: north.valueOf(),
    });
    const southerner = await newCustomer({ home_branch_id: south });
    const local = await newCustomer({ home_branch_id: north });
    const theirs = await repair(southerner, { branch_id: south });

    assert.equal(
      (await ctx.request('GET', `/v1/repairs/${theirs.id}`, { key: northKey })).status,
      404,
    );
    assert.equal((await patch(theirs.id, { stage: 'cancelled' }, northKey)).status, 404);
    const list = await ctx.request('GET', '/v1/repairs?limit=100', { key: northKey });
    assert.ok(!list.json.data.some((r: { id: string }) => r.id === theirs.id));
    const hidden = await createRepair({ customer_id: southerner }, northKey);
    assert.equal(hidden.status, 422, hidden.text);

    const mine = await createRepair({ customer_id: local }, northKey);
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.json.branch_id, north, 'defaults to the key’s branch');
    const away = await createRepair({ customer_id: local, branch_id: south }, northKey);
    assert.equal(away.status, 403, away.text);
    assert.equal((await patch(mine.json.id, { branch_id: south }, northKey)).status, 403);
    const board = await ctx.request('GET', `/v1/repairs?branch_id=${north}&stage=intake`, {
      key: northKey,
    });
    assert.deepEqual(
      board.json.data.map((r: { id: string }) => r.id),
      [mine.json.id],
    );
  });

  it('keeps customer sessions out', async () => {
    const customerId = await newCustomer();
    await repair(customerId);
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: customerId },
    });
    const token = session.json.token;
    const res = await ctx.request('GET', `/v1/repairs?customer_id=${customerId}`, { key: token });
    assert.equal(res.status, 403, res.text);
  });
});

describe('the hero summary', () => {
  it('counts the customer’s repairs and bespoke jobs, closed ones included', async () => {
    const customerId = await newCustomer();
    const first = await repair(customerId);
    await repair(customerId);
    await patch(first.id, { stage: 'cancelled' });
    const job = await ctx.request('POST', '/v1/bespoke-jobs', {
      key: shop.ownerKey,
      body: { customer_id: customerId, title: 'Signet ring' },
    });
    assert.equal(job.status, 201, job.text);
    const summary = await ctx.request('GET', `/v1/customers/${customerId}/summary`, {
      key: shop.ownerKey,
    });
    assert.equal(summary.status, 200, summary.text);
    assert.equal(summary.json.counts.repairs, 2);
    assert.equal(summary.json.counts.bespoke, 1);
  });
});
