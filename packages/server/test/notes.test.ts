import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Notes Jewellers' });
});
after(() => ctx.close());

async function newCustomer(fields: Record<string, unknown> = {}, key = shop.ownerKey) {
  const res = await ctx.request('POST', '/v1/customers', {
    key,
    body: { first_name: 'Mei', last_name: 'Chen', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

async function staff(name: string, role = 'staff', extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/sessions', {
    key: shop.ownerKey,
    body: { type: 'staff', role, staff_name: name, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.token as string;
}

async function write(customerId: string, body: Record<string, unknown>, key: string) {
  const res = await ctx.request('POST', `/v1/customers/${customerId}/notes`, { key, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const timeline = (customerId: string, key = shop.ownerKey, query = '') =>
  ctx.request('GET', `/v1/customers/${customerId}/notes${query}`, { key });

describe('the notes timeline', () => {
  it('records the author from the credential and the time, newest first with pinned notes leading', async () => {
    const customer = await newCustomer();
    const sophie = await staff('Sophie');
    const first = await write(customer, { body: 'Prefers Saturday appointments.' }, sophie);
    assert.match(first.id, /^note_/);
    assert.equal(first.author.kind, 'session');
    assert.equal(first.author.name, 'Sophie');
    assert.equal(first.pinned, false);
    assert.equal(first.edited_at, null);
    assert.equal(first.version, 1);
    assert.equal(first.revisions.length, 1);
    ctx.clock.advance(1000);
    const pinned = await write(
      customer,
      { body: '  Heads-up: sister manages all pickups now.  ', pinned: true },
      sophie,
    );
    assert.equal(pinned.body, 'Heads-up: sister manages all pickups now.');
    ctx.clock.advance(1000);
    const key = await ctx.createKey(shop.ownerKey, { role: 'staff', name: 'POS till 2' });
    const latest = await write(customer, { body: 'Ring size checked: N.' }, key);
    assert.equal(latest.author.kind, 'secret');
    assert.equal(latest.author.name, 'POS till 2');

    const res = await timeline(customer);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.json.data.map((n: { id: string }) => n.id),
      [pinned.id, latest.id, first.id],
    );

    // Paging walks the same order without repeats.
    const one = await timeline(customer, shop.ownerKey, '?limit=1');
    const two = await timeline(customer, shop.ownerKey, `?limit=1&cursor=${one.json.next_cursor}`);
    const three = await timeline(
      customer,
      shop.ownerKey,
      `?limit=1&cursor=${two.json.next_cursor}`,
    );
    assert.deepEqual(
      [one, two, three].map((r) => r.json.data[0].id),
      [pinned.id, latest.id, first.id],
    );
    assert.equal(three.json.next_cursor, null);

    const summary = await ctx.request('GET', `/v1/customers/${customer}/summary`, {
      key: shop.ownerKey,
    });
    assert.equal(summary.json.counts.notes, 3);
  });

  it('refuses an empty note, unknown fields and a bad cursor with the field named', async () => {
    const customer = await newCustomer();
    const empty = await ctx.request('POST', `/v1/customers/${customer}/notes`, {
      key: shop.ownerKey,
      body: { body: '   ' },
    });
    assert.equal(empty.status, 422);
    assert.equal(empty.json.errors[0].path, 'body');
    const extra = await ctx.request('POST', `/v1/customers/${customer}/notes`, {
      key: shop.ownerKey,
      body: { body: 'x', author: 'me' },
    });
    assert.equal(extra.status, 422);
    const cursor = await timeline(customer, shop.ownerKey, '?cursor=nonsense');
    assert.equal(cursor.status, 422);
    assert.equal(cursor.json.errors[0].path, 'cursor');
    const nothing = await ctx.request('PATCH', '/v1/notes/note_x', {
      key: shop.ownerKey,
      body: {},
    });
    assert.equal(nothing.status, 422);
    const { rows } = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notes WHERE tenant_id = $1 AND customer_id = $2',
      [shop.id, customer],
    );
    assert.equal(rows[0]!.n, 0);
  });

  it('answers 404 for an unknown customer or another tenant’s, and a readonly key cannot write', async () => {
    const other = await ctx.createTenant({ name: 'Elsewhere' });
    const theirs = await newCustomer({}, other.ownerKey);
    assert.equal((await timeline(theirs)).status, 404);
    const post = await ctx.request('POST', `/v1/customers/${theirs}/notes`, {
      key: shop.ownerKey,
      body: { body: 'hello' },
    });
    assert.equal(post.status, 404);
    const customer = await newCustomer();
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await timeline(customer, readonly)).status, 200);
    const refused = await ctx.request('POST', `/v1/customers/${customer}/notes`, {
      key: readonly,
      body: { body: 'hello' },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'permission_denied');
  });
});

describe('editing and deleting a note', () => {
  it('keeps every revision, honours If-Match, and lets the same staff name edit from a new session', async () => {
    const customer = await newCustomer();
    const note = await write(customer, { body: 'Likes rose gold.' }, await staff('Sophie'));
    ctx.clock.advance(1000);
    const tomorrow = await staff('Sophie');
    const edited = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: tomorrow,
      body: { body: 'Likes rose gold; allergic to nickel.' },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('etag'), '"2"');
    assert.equal(edited.json.body, 'Likes rose gold; allergic to nickel.');
    assert.notEqual(edited.json.edited_at, null);
    assert.deepEqual(
      edited.json.revisions.map((r: { revision: number; body: string }) => [r.revision, r.body]),
      [
        [1, 'Likes rose gold.'],
        [2, 'Likes rose gold; allergic to nickel.'],
      ],
    );
    const stale = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: tomorrow,
      body: { pinned: true },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.json.code, 'version_conflict');
    assert.equal(stale.json.current_version, 2);
    const pin = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: tomorrow,
      body: { pinned: true },
    });
    assert.equal(pin.json.pinned, true);
    assert.equal(pin.json.revisions.length, 3);
    // Repeating the current values changes nothing.
    const same = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: tomorrow,
      body: { pinned: true },
    });
    assert.equal(same.json.version, 3);
  });

  it('refuses another staff member with 403 not_note_author, lets a manager edit and delete', async () => {
    const customer = await newCustomer();
    const note = await write(customer, { body: 'Cold-call ok.' }, await staff('Sophie'));
    const tom = await staff('Tom');
    const refused = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: tom,
      body: { body: 'Do not cold-call.' },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'not_note_author');
    assert.match(refused.json.detail, /Sophie/);
    const refusedDelete = await ctx.request('DELETE', `/v1/notes/${note.id}`, { key: tom });
    assert.equal(refusedDelete.status, 403);
    assert.equal(refusedDelete.json.code, 'not_note_author');
    // Another staff key isn't the author either.
    const otherKey = await ctx.createKey(shop.ownerKey, { role: 'staff', name: 'till' });
    const byKey = await ctx.request('DELETE', `/v1/notes/${note.id}`, { key: otherKey });
    assert.equal(byKey.status, 403);

    const manager = await staff('Maria', 'manager');
    const fixed = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: manager,
      body: { body: 'Do not cold-call: sister manages pickups.' },
    });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.json.author.name, 'Sophie');
    assert.equal(fixed.json.revisions[1].actor.name, 'Maria');

    const stale = await ctx.request('DELETE', `/v1/notes/${note.id}`, {
      key: manager,
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(stale.status, 412);
    const gone = await ctx.request('DELETE', `/v1/notes/${note.id}`, {
      key: manager,
      headers: { 'If-Match': '"2"' },
    });
    assert.equal(gone.status, 204, gone.text);
    assert.equal((await ctx.request('GET', `/v1/notes/${note.id}`, { key: manager })).status, 404);
    assert.equal((await timeline(customer)).json.data.length, 0);
    const again = await ctx.request('DELETE', `/v1/notes/${note.id}`, { key: manager });
    assert.equal(again.status, 404);

    // The deletion is audited with who and the text the note had; its revisions stay.
    const audit = await ctx.services.db.query<{
      action: string;
      actor_name: string;
      changes: unknown;
    }>(
      `SELECT action, actor_name, changes FROM audit_log
        WHERE tenant_id = $1 AND entity_type = 'note' AND entity_id = $2 ORDER BY created_at, id`,
      [shop.id, note.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['note.created', 'note.updated', 'note.deleted'],
    );
    const deleted = audit.rows[2]!;
    assert.equal(deleted.actor_name, 'Maria');
    assert.deepEqual(
      (deleted.changes as { field: string; before: unknown }[]).find((c) => c.field === 'body')
        ?.before,
      'Do not cold-call: sister manages pickups.',
    );
    const revisions = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM note_revisions WHERE tenant_id = $1 AND note_id = $2',
      [shop.id, note.id],
    );
    assert.equal(revisions.rows[0]!.n, 2);
    const summary = await ctx.request('GET', `/v1/customers/${customer}/summary`, {
      key: shop.ownerKey,
    });
    assert.equal(summary.json.counts.notes, 0);
  });

  it('names the caller in GET /v1/me as its notes name their author, predicting who may change them', async () => {
    const customer = await newCustomer();
    const till = await ctx.createKey(shop.ownerKey, { role: 'staff', name: 'POS till 2' });
    const bySophie = await write(customer, { body: 'Prefers mornings.' }, await staff('Sophie'));
    const byTill = await write(customer, { body: 'Ring size N.' }, till);

    const me = async (key: string) => {
      const res = await ctx.request('GET', '/v1/me', { key });
      assert.equal(res.status, 200, res.text);
      return res.json as { role: string; actor: { kind: string; id: string; name: string } };
    };
    // The rule the Me schema documents, as a page would apply it.
    type Author = { kind: string; id: string | null; name: string | null };
    const mayChange = (m: Awaited<ReturnType<typeof me>>, author: Author) =>
      m.role === 'owner' ||
      m.role === 'manager' ||
      (author.kind === m.actor.kind &&
        (m.actor.kind === 'session' ? author.name === m.actor.name : author.id === m.actor.id));

    const sophieAgain = await staff('Sophie');
    const sophieMe = await me(sophieAgain);
    assert.deepEqual(
      { kind: sophieMe.actor.kind, name: sophieMe.actor.name },
      { kind: 'session', name: 'Sophie' },
    );
    const tillMe = await me(till);
    assert.deepEqual(tillMe.actor, { kind: 'secret', id: byTill.author.id, name: 'POS till 2' });

    const callers = {
      'Sophie, next session': sophieAgain,
      Tom: await staff('Tom'),
      'the till key': till,
      'another staff key': await ctx.createKey(shop.ownerKey, { role: 'staff', name: 'till 3' }),
      'a manager session': await staff('Maria', 'manager'),
      'the owner key': shop.ownerKey,
    };
    for (const [who, key] of Object.entries(callers)) {
      const caller = await me(key);
      for (const note of [bySophie, byTill]) {
        const res = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
          key,
          body: { pinned: !note.pinned },
        });
        const allowed = res.status === 200;
        if (allowed) note.pinned = !note.pinned;
        assert.equal(
          mayChange(caller, note.author),
          allowed,
          `${who} on ${note.author.name}’s note: ${res.status} ${res.text}`,
        );
      }
    }
  });

  it('keeps a branch-limited credential to the notes of customers it can see', async () => {
    const branches = await Promise.all(
      ['North', 'South'].map(async (name) => {
        const res = await ctx.request('POST', '/v1/branches', {
          key: shop.ownerKey,
          body: { name },
        });
        return res.json.id as string;
      }),
    );
    const southCustomer = await newCustomer({ home_branch_id: branches[1] });
    const note = await write(southCustomer, { body: 'South only.' }, shop.ownerKey);
    const north = await staff('Nora', 'manager', { branch_id: branches[0] });
    assert.equal((await timeline(southCustomer, north)).status, 404);
    assert.equal((await ctx.request('GET', `/v1/notes/${note.id}`, { key: north })).status, 404);
    const patch = await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: north,
      body: { body: 'x' },
    });
    assert.equal(patch.status, 404);
  });

  it('goes with its revisions when the customer is erased, its audit rows keeping only their shape', async () => {
    const customer = await newCustomer();
    const note = await write(customer, { body: 'Father in palliative care.' }, shop.ownerKey);
    await ctx.request('PATCH', `/v1/notes/${note.id}`, {
      key: shop.ownerKey,
      body: { body: 'Father in palliative care; deadline flexible.' },
    });
    const exported = await ctx.request('GET', `/v1/customers/${customer}/export`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      exported.json.notes.map((n: { body: string; revisions: unknown[] }) => [
        n.body,
        n.revisions.length,
      ]),
      [['Father in palliative care; deadline flexible.', 2]],
    );
    const erased = await ctx.request('POST', `/v1/customers/${customer}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);
    const left = await ctx.services.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM notes WHERE tenant_id = $1 AND customer_id = $2)::int
            + (SELECT count(*) FROM note_revisions WHERE tenant_id = $1 AND note_id = $3)::int AS n`,
      [shop.id, customer, note.id],
    );
    assert.equal(left.rows[0]!.n, 0);
    const audit = await ctx.services.db.query<{ changes: string }>(
      `SELECT changes::text AS changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2`,
      [shop.id, note.id],
    );
    assert.equal(audit.rows.length, 2);
    for (const row of audit.rows) assert.doesNotMatch(row.changes, /palliative/);
    const refused = await ctx.request('POST', `/v1/customers/${customer}/notes`, {
      key: shop.ownerKey,
      body: { body: 'again' },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.code, 'customer_erased');
  });
});
