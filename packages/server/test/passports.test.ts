import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import QRCode from 'qrcode';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

// Passports as staff use them: issue, the customer's Passports tab (joined on the current
// owner's email), transfers with their history, typo corrections, status moves, the QR code.

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Harbour & Vine', currency: 'AUD' });
});
after(() => ctx.close());

const piece = (extra: Record<string, unknown> = {}) => ({
  title: 'Solitaire engagement ring',
  jewellery_type: 'ring',
  description: 'Platinum six-claw solitaire.',
  metal: 'platinum',
  stones: [
    {
      kind: 'diamond',
      shape: 'round brilliant',
      carat: 1.01,
      colour: 'F',
      clarity: 'VS1',
      cut: 'Excellent',
      lab: 'GIA',
      certificate_number: '2141438167',
    },
  ],
  images: ['https://cdn.example.com/solitaire.jpg'],
  owner_email: 'amelia.chen@example.com',
  ...extra,
});

async function issue(extra: Record<string, unknown> = {}, key = shop.ownerKey) {
  const res = await ctx.request('POST', '/v1/passports', { key, body: piece(extra) });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function customer(email: string | null, tenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Test', last_name: `Owner ${Math.random()}`, email },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

const tab = async (customerId: string, key = shop.ownerKey) => {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/passports`, { key });
  assert.equal(res.status, 200, res.text);
  return res.json.data.map((p: { id: string }) => p.id) as string[];
};

async function auditActions(passportId: string) {
  const { rows } = await ctx.services.db.query<{ action: string; changes: unknown }>(
    `SELECT action, changes FROM audit_log WHERE entity_type = 'passport' AND entity_id = $1
      ORDER BY created_at, id`,
    [passportId],
  );
  return rows;
}

describe('issuing a passport', () => {
  it('stores the piece, gives it a public code and verify URL, and audits it', async () => {
    const p = await issue({ owner_email: ' Amelia.Chen@Example.com ' });
    assert.match(p.id, /^pas_/);
    assert.match(p.code, /^([0-9A-HJKMNP-TV-Z]{3}-){6}[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.equal(p.verify_url, `http://localhost/verify/${p.code}`);
    assert.equal(p.owner_email, 'Amelia.Chen@Example.com', 'spaces dropped, case kept');
    assert.equal(p.status, 'active');
    assert.equal(p.ownership_changes, 0);
    assert.equal(p.last_transfer_at, null);
    assert.deepEqual(p.transfers, []);
    assert.equal(p.stones[0].clarity, 'VS1');
    assert.deepEqual(p.images, ['https://cdn.example.com/solitaire.jpg']);
    const again = await ctx.request('GET', `/v1/passports/${p.id}`, { key: shop.ownerKey });
    assert.deepEqual(again.json, p);
    const audit = await auditActions(p.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['passport.issued'],
    );
  });

  it('gives every passport its own code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await issue()).code);
    assert.equal(codes.size, 5);
  });

  it('refuses bad input with the field path and writes nothing', async () => {
    const before = (
      await ctx.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM passports')
    ).rows[0]!.n;
    const cases: [Record<string, unknown>, string][] = [
      [{ owner_email: 'not-an-email' }, 'owner_email'],
      [{ images: ['http://insecure.example.com/a.jpg'] }, 'images.0'],
      [{ stones: [{ kind: 'diamond', carat: -1 }] }, 'stones.0.carat'],
      [{ stones: [{ carat: 1 }] }, 'stones.0.kind'],
      [{ title: '' }, 'title'],
      [{ customer_id: 'cus_nope' }, 'customer_id'],
      [{ owner: 'x' }, ''],
    ];
    for (const [extra, path] of cases) {
      const res = await ctx.request('POST', '/v1/passports', {
        key: shop.ownerKey,
        body: piece(extra),
      });
      assert.equal(res.status, 422, `${JSON.stringify(extra)}: ${res.text}`);
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${path}: ${res.text}`,
      );
    }
    const after = (
      await ctx.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM passports')
    ).rows[0]!.n;
    assert.equal(after, before);
  });

  it('needs manage_passports to issue or change, view_customers to read', async () => {
    const p = await issue();
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const refused = await ctx.request('POST', '/v1/passports', { key: readonly, body: piece() });
    assert.equal(refused.status, 403);
    assert.equal(
      (await ctx.request('POST', `/v1/passports/${p.id}/report-stolen`, { key: readonly })).status,
      403,
    );
    assert.equal(
      (await ctx.request('GET', `/v1/passports/${p.id}`, { key: readonly })).status,
      200,
    );
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    await issue({}, staff);
  });

  it("keeps another tenant's passports out of sight", async () => {
    const p = await issue();
    const other = await ctx.createTenant({ name: 'Elsewhere' });
    for (const path of [`/v1/passports/${p.id}`, `/v1/passports/${p.id}/qr`]) {
      assert.equal((await ctx.request('GET', path, { key: other.ownerKey })).status, 404);
    }
    const transfer = await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: other.ownerKey,
      body: { to_email: 'thief@example.com' },
    });
    assert.equal(transfer.status, 404);
    const list = await ctx.request('GET', '/v1/passports', { key: other.ownerKey });
    assert.deepEqual(list.json.data, []);
  });
});

describe("the customer's Passports tab", () => {
  it('joins on the current owner email, ignoring case and spaces', async () => {
    const mei = await customer('mei.tab@example.com');
    const p = await issue({ owner_email: 'MEI.TAB@example.com ' });
    assert.deepEqual(await tab(mei), [p.id]);
    const summary = await ctx.request('GET', `/v1/customers/${mei}/summary`, {
      key: shop.ownerKey,
    });
    assert.equal(summary.json.counts.passports, 1);
  });

  it('is empty for a customer without an email, and 404 for an unknown customer', async () => {
    const noEmail = await customer(null);
    assert.deepEqual(await tab(noEmail), []);
    const res = await ctx.request('GET', '/v1/customers/cus_nope/passports', {
      key: shop.ownerKey,
    });
    assert.equal(res.status, 404);
  });

  it('moves a passport from the old owner’s tab to the new one’s on transfer, keeping the history', async () => {
    const seller = await customer('seller@example.com');
    const buyer = await customer('buyer@example.com');
    const p = await issue({ owner_email: 'seller@example.com', customer_id: seller });
    assert.equal(p.customer_id, seller);
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff', name: 'Sophie' });
    ctx.clock.advance(60_000);
    const res = await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: staff,
      body: { to_email: 'Buyer@Example.com', note: 'Sold privately; both present' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.owner_email, 'Buyer@Example.com');
    assert.equal(res.json.ownership_changes, 1);
    assert.equal(res.json.transfers.length, 1);
    const [t] = res.json.transfers;
    assert.equal(t.from_email, 'seller@example.com');
    assert.equal(t.to_email, 'Buyer@Example.com');
    assert.equal(t.note, 'Sold privately; both present');
    assert.equal(res.json.last_transfer_at, t.at);
    assert.ok(Date.parse(t.at) >= Date.parse(p.issued_at) + 60_000);
    assert.equal(t.actor.name, 'Sophie');
    assert.deepEqual(await tab(seller), []);
    assert.deepEqual(await tab(buyer), [p.id]);

    // And on again, to someone who isn't a customer: the history keeps both changes.
    const again = await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: shop.ownerKey,
      body: { to_email: 'stranger@example.org' },
    });
    assert.equal(again.json.ownership_changes, 2);
    assert.deepEqual(
      again.json.transfers.map((x: { from_email: string; to_email: string }) => [
        x.from_email,
        x.to_email,
      ]),
      [
        ['seller@example.com', 'Buyer@Example.com'],
        ['Buyer@Example.com', 'stranger@example.org'],
      ],
    );
    assert.deepEqual(await tab(buyer), []);
    const audit = await auditActions(p.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['passport.issued', 'passport.transferred', 'passport.transferred'],
    );
  });

  it('refuses a transfer to the current owner', async () => {
    const p = await issue({ owner_email: 'same@example.com' });
    const res = await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: shop.ownerKey,
      body: { to_email: ' SAME@example.com' },
    });
    assert.equal(res.status, 422);
    assert.equal(res.json.errors[0].path, 'to_email');
  });

  it('finds a passport hidden by a typo once the email is corrected, which is not a transfer', async () => {
    const amelia = await customer('amelia.typo@example.com');
    const p = await issue({ owner_email: 'amelia.typo@exmaple.com' });
    assert.deepEqual(await tab(amelia), [], 'the typo hides it');
    const found = await ctx.request('GET', '/v1/passports?owner_email=AMELIA.TYPO@exmaple.com', {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      found.json.data.map((x: { id: string }) => x.id),
      [p.id],
    );
    const res = await ctx.request('POST', `/v1/passports/${p.id}/owner-corrections`, {
      key: shop.ownerKey,
      body: { owner_email: 'amelia.typo@example.com', reason: 'Issued with a typo' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.ownership_changes, 0);
    assert.deepEqual(res.json.transfers, []);
    assert.deepEqual(await tab(amelia), [p.id]);
    const audit = await auditActions(p.id);
    assert.equal(audit.at(-1)!.action, 'passport.owner_corrected');
    assert.deepEqual(audit.at(-1)!.changes, [
      { field: 'owner_email', before: 'amelia.typo@exmaple.com', after: 'amelia.typo@example.com' },
      { field: 'reason', before: null, after: 'Issued with a typo' },
    ]);
    const noReason = await ctx.request('POST', `/v1/passports/${p.id}/owner-corrections`, {
      key: shop.ownerKey,
      body: { owner_email: 'x@example.com' },
    });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.json.errors[0].path, 'reason');
  });

  it('lets a customer session list its own passports, and nobody else’s', async () => {
    const own = await customer('session.owner@example.com');
    const other = await customer('someone.else@example.com');
    const p = await issue({ owner_email: 'session.owner@example.com' });
    const minted = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: own },
    });
    const token = minted.json.token;
    assert.deepEqual(await tab(own, token), [p.id]);
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${other}/passports`, { key: token })).status,
      404,
    );
    assert.equal((await ctx.request('GET', `/v1/passports/${p.id}`, { key: token })).status, 403);
  });
});

describe('status', () => {
  it('moves active → reported_stolen → active → archived, and refuses other moves with 409', async () => {
    const p = await issue();
    const post = (action: string) =>
      ctx.request('POST', `/v1/passports/${p.id}/${action}`, { key: shop.ownerKey });
    assert.equal((await post('recover')).status, 409);
    const stolen = await post('report-stolen');
    assert.equal(stolen.status, 200);
    assert.equal(stolen.json.status, 'reported_stolen');
    assert.equal((await post('report-stolen')).status, 409);
    const archive = await post('archive');
    assert.equal(archive.status, 409, 'archiving would hide the stolen warning');
    assert.equal(archive.json.code, 'passport_status_conflict');
    const transfer = await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: shop.ownerKey,
      body: { to_email: 'fence@example.com' },
    });
    assert.equal(transfer.status, 409, 'a stolen piece does not change hands');
    assert.equal((await post('recover')).json.status, 'active');
    assert.equal((await post('archive')).json.status, 'archived');
    assert.equal((await post('archive')).status, 409);
    assert.equal((await post('report-stolen')).status, 409);
    const audit = await auditActions(p.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['passport.issued', 'passport.reported_stolen', 'passport.recovered', 'passport.archived'],
    );
    assert.deepEqual(audit[1]!.changes, [
      { field: 'status', before: 'active', after: 'reported_stolen' },
    ]);
  });

  it('filters the list by status and owner', async () => {
    const owner = `filter.${Date.now()}@example.com`;
    const a = await issue({ owner_email: owner });
    const b = await issue({ owner_email: owner });
    await ctx.request('POST', `/v1/passports/${b.id}/report-stolen`, { key: shop.ownerKey });
    const stolen = await ctx.request(
      'GET',
      `/v1/passports?status=reported_stolen&owner_email=${encodeURIComponent(owner.toUpperCase())}`,
      { key: shop.ownerKey },
    );
    assert.deepEqual(
      stolen.json.data.map((x: { id: string }) => x.id),
      [b.id],
    );
    const both = await ctx.request('GET', `/v1/passports?owner_email=${owner}&limit=1`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      both.json.data.map((x: { id: string }) => x.id),
      [b.id],
    );
    const next = await ctx.request(
      'GET',
      `/v1/passports?owner_email=${owner}&limit=1&cursor=${both.json.next_cursor}`,
      { key: shop.ownerKey },
    );
    assert.deepEqual(
      next.json.data.map((x: { id: string }) => x.id),
      [a.id],
    );
    assert.equal(next.json.next_cursor, null);
    const bad = await ctx.request('GET', '/v1/passports?status=lost', { key: shop.ownerKey });
    assert.equal(bad.status, 422);
  });
});

describe('QR code', () => {
  it('is an SVG of the verify URL', async () => {
    const p = await issue();
    const res = await ctx.request('GET', `/v1/passports/${p.id}/qr`, { key: shop.ownerKey });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    const expected = await QRCode.toString(p.verify_url, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    assert.equal(res.text, expected);
  });
});

describe('erasing an owner', () => {
  it('keeps the passport working for the piece, with no link to the person', async () => {
    const zara = await customer('Zara.Erased@example.com');
    const issuedTo = await issue({ owner_email: 'zara.erased@example.com', customer_id: zara });
    const passedOn = await issue({ owner_email: 'zara.erased@example.com' });
    await ctx.request('POST', `/v1/passports/${passedOn.id}/transfers`, {
      key: shop.ownerKey,
      body: { to_email: 'next.owner@example.com', note: 'Zara sold it to her cousin' },
    });
    const unrelated = await issue({ owner_email: 'someone@example.com' });

    const erased = await ctx.request('POST', `/v1/customers/${zara}/erase`, { key: shop.ownerKey });
    assert.equal(erased.status, 200, erased.text);

    const owned = await ctx.request('GET', `/v1/passports/${issuedTo.id}`, { key: shop.ownerKey });
    assert.equal(owned.json.owner_email, null);
    assert.equal(owned.json.customer_id, null);
    assert.equal(owned.json.status, 'active');
    const sold = await ctx.request('GET', `/v1/passports/${passedOn.id}`, { key: shop.ownerKey });
    assert.equal(sold.json.owner_email, 'next.owner@example.com');
    assert.equal(sold.json.ownership_changes, 1);
    assert.deepEqual(
      sold.json.transfers.map((t: Record<string, unknown>) => [t.from_email, t.to_email, t.note]),
      [[null, 'next.owner@example.com', null]],
    );
    const other = await ctx.request('GET', `/v1/passports/${unrelated.id}`, { key: shop.ownerKey });
    assert.equal(other.json.owner_email, 'someone@example.com');

    const verified = await ctx.request('GET', `/v1/public/passports/${issuedTo.code}`);
    assert.equal(verified.status, 200, 'the piece still verifies');

    const { rows } = await ctx.services.db.query<{ changes: string }>(
      `SELECT changes::text AS changes FROM audit_log WHERE entity_type = 'passport'
        AND entity_id = ANY($1)`,
      [[issuedTo.id, passedOn.id]],
    );
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.doesNotMatch(row.changes, /zara/i);
  });
});
