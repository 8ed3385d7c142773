import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Ledger Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const DAY = 86_400_000;
const line = (description: string, unit: number, quantity = 1) => ({
  description,
  quantity,
  unit_price: aud(unit),
});

async function newCustomer(key = shop.ownerKey): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key,
    body: { first_name: 'Amelia', last_name: `Ledger ${Math.random()}` },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

const post = (path: string, body: unknown, key = shop.ownerKey, headers = {}) =>
  ctx.request('POST', path, { key, body, headers });
const patch = (path: string, body: unknown, key = shop.ownerKey, headers = {}) =>
  ctx.request('PATCH', path, { key, body, headers });
const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

async function quote(customerId: string, body: Record<string, unknown> = {}) {
  const res = await post('/v1/quotes', {
    customer_id: customerId,
    title: 'Oval sapphire ring',
    lines: [line('Oval sapphire 1.2ct', 420_000), line('Platinum claws', 15_000, 4)],
    ...body,
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function invoice(customerId: string, body: Record<string, unknown> = {}) {
  const res = await post('/v1/invoices', {
    customer_id: customerId,
    lines: [line('Claw re-tip', 9_000), line('Polish', 3_000)],
    ...body,
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const pay = (invoiceId: string, amount: number, method = 'card', key = shop.ownerKey) =>
  post(`/v1/invoices/${invoiceId}/payments`, { method, amount: aud(amount) }, key);

async function summary(customerId: string) {
  const res = await get(`/v1/customers/${customerId}/summary`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function credit(customerId: string, amount: number) {
  const res = await post(`/v1/customers/${customerId}/store-credit/adjustments`, {
    amount: aud(amount),
    reason: 'Goodwill',
  });
  assert.equal(res.status, 201, res.text);
}

async function audit(entityType: string, id: string) {
  const { rows } = await ctx.services.db.query<{
    action: string;
    changes: { field: string; before: unknown; after: unknown }[];
  }>(
    'SELECT action, changes FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY created_at, id',
    [entityType, id],
  );
  return rows;
}

describe('quotes', () => {
  it('numbers a quote, works out its totals and audits every field', async () => {
    const customerId = await newCustomer();
    const res = await post('/v1/quotes', {
      customer_id: customerId,
      title: 'Oval sapphire ring',
      lines: [line('Oval sapphire 1.2ct', 420_000), line('Platinum claws', 15_000, 4)],
      note: 'Customer prefers a low setting',
    });
    assert.equal(res.status, 201, res.text);
    const q = res.json;
    assert.match(q.id, /^quo_/);
    assert.match(q.number, /^QU-\d{4,}$/);
    assert.equal(res.headers.get('location'), `/v1/quotes/${q.id}`);
    assert.equal(res.headers.get('etag'), '"1"');
    assert.equal(q.status, 'draft');
    assert.deepEqual(q.total, aud(480_000));
    assert.deepEqual(
      q.lines.map((l: { line: number; total: unknown }) => [l.line, l.total]),
      [
        [1, aud(420_000)],
        [2, aud(60_000)],
      ],
    );
    assert.equal(
      Date.parse(q.expires_at) - Date.parse(q.created_at),
      30 * DAY,
      'a quote holds 30 days by default',
    );
    const next = await quote(customerId);
    assert.equal(Number(next.number.slice(3)), Number(q.number.slice(3)) + 1);
    assert.deepEqual((await get(`/v1/quotes/${q.id}`)).json, q);
    const [created] = await audit('quote', q.id);
    assert.equal(created?.action, 'quote.created');
    assert.deepEqual(
      created?.changes.map((c) => c.field),
      ['number', 'customer_id', 'title', 'lines', 'total', 'expires_at', 'note', 'status'],
    );
  });

  it('answers every bad input with the field’s path and writes nothing', async () => {
    const customerId = await newCustomer();
    const past = new Date(ctx.clock.now().getTime() - DAY).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [] }, 'lines'],
      [{ lines: [{ ...line('Ring', 100), quantity: 0 }] }, 'lines.0.quantity'],
      [{ lines: [line('Ring', -1)] }, 'lines.0.unit_price.amount'],
      [{ lines: [line('Ring', 10.5)] }, 'lines.0.unit_price.amount'],
      [
        { lines: [{ ...line('Ring', 100), unit_price: { amount: 1, currency: 'NZD' } }] },
        'lines.0.unit_price.currency',
      ],
      [{ lines: [line('  ', 100)] }, 'lines.0.description'],
      [{ lines: [line('Ring', 100)], total: aud(100) }, ''],
      [{ lines: [line('Ring', 100)], expires_at: past }, 'expires_at'],
      [{ lines: [line('Ring', 100)], customer_id: 'cus_nobody' }, 'customer_id'],
      [{ lines: [line('Ring', 100)], status: 'accepted' }, 'status'],
    ];
    for (const [body, path] of cases) {
      const res = await post('/v1/quotes', { customer_id: customerId, ...body });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${JSON.stringify(body)} names ${path}: ${res.text}`,
      );
    }
    const list = await get(`/v1/quotes?customer_id=${customerId}`);
    assert.deepEqual(list.json.data, []);
  });

  it('moves only as its status allows, naming the allowed moves, and keeps sent quotes to their lines', async () => {
    const q = await quote(await newCustomer());
    const sent = await patch(`/v1/quotes/${q.id}`, { status: 'sent' });
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.json.status, 'sent');
    assert.ok(sent.json.sent_at);

    const revise = await patch(`/v1/quotes/${q.id}`, { lines: [line('Cheaper ring', 1000)] });
    assert.equal(revise.status, 409, revise.text);
    assert.equal(revise.json.code, 'record_not_editable');
    assert.deepEqual(revise.json.fields, ['lines']);

    const declined = await patch(`/v1/quotes/${q.id}`, { status: 'declined', note: 'Too dear' });
    assert.equal(declined.status, 200, declined.text);
    assert.ok(declined.json.declined_at);
    const again = await patch(`/v1/quotes/${q.id}`, { status: 'sent' });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.json.code, 'status_transition_not_allowed');
    assert.equal(again.json.status, 'declined');
    assert.deepEqual(again.json.allowed_statuses, []);
    const accept = await post(`/v1/quotes/${q.id}/accept`, {});
    assert.equal(accept.status, 409, accept.text);

    const draft = await quote(q.customer_id);
    const back = await patch(`/v1/quotes/${draft.id}`, { status: 'sent' });
    const toDraft = await patch(`/v1/quotes/${draft.id}`, {
      status: 'draft',
      lines: [line('Revised ring', 400_000)],
    });
    assert.equal(toDraft.status, 200, toDraft.text);
    assert.deepEqual(toDraft.json.total, aud(400_000));
    assert.equal(toDraft.json.version, back.json.version + 1);
    const viaPatch = await patch(`/v1/quotes/${draft.id}`, { status: 'accepted' });
    assert.equal(viaPatch.status, 422, 'accepting goes through /accept');
  });

  it('reads expired once a sent quote passes its date, with nothing written, and revives with a later date', async () => {
    const customerId = await newCustomer();
    const expires = new Date(ctx.clock.now().getTime() + 2 * DAY).toISOString();
    const q = await quote(customerId, { status: 'sent', expires_at: expires });
    const open = await quote(customerId, { status: 'sent' });
    const ids = async (status: string) =>
      (await get(`/v1/quotes?customer_id=${customerId}&status=${status}`)).json.data.map(
        (x: { id: string }) => x.id,
      );
    assert.deepEqual(await ids('expired'), []);
    ctx.clock.advance(3 * DAY);
    try {
      const read = await get(`/v1/quotes/${q.id}`);
      assert.equal(read.json.status, 'expired');
      assert.equal(read.json.version, q.version, 'expiry writes nothing');
      assert.deepEqual(await ids('expired'), [q.id]);
      assert.deepEqual(await ids('sent'), [open.id]);

      const accept = await post(`/v1/quotes/${q.id}/accept`, {});
      assert.equal(accept.status, 409, accept.text);
      assert.equal(accept.json.code, 'status_transition_not_allowed');
      assert.deepEqual(accept.json.allowed_statuses, ['draft', 'declined']);
      assert.match(accept.json.detail, /`draft` or `declined`/);

      const later = new Date(ctx.clock.now().getTime() + 7 * DAY).toISOString();
      const revived = await patch(`/v1/quotes/${q.id}`, { expires_at: later, status: 'sent' });
      assert.equal(revived.status, 200, revived.text);
      assert.equal(revived.json.status, 'sent');
    } finally {
      ctx.clock.advance(-3 * DAY);
    }
  });

  it('accepts into an invoice that links back, in one go, once', async () => {
    const q = await quote(await newCustomer(), { status: 'sent' });
    const res = await post(`/v1/quotes/${q.id}/accept`, {});
    assert.equal(res.status, 201, res.text);
    const { quote: accepted, invoice: inv, bespoke_job } = res.json;
    assert.equal(bespoke_job, null);
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.invoice_id, inv.id);
    assert.equal(inv.quote_id, q.id);
    assert.equal(inv.customer_id, q.customer_id);
    assert.equal(inv.status, 'draft');
    assert.match(inv.number, /^IN-\d{4,}$/);
    assert.deepEqual(inv.total, q.total);
    assert.deepEqual(inv.lines, q.lines);
    assert.equal(res.headers.get('location'), `/v1/invoices/${inv.id}`);
    const twice = await post(`/v1/quotes/${q.id}/accept`, {});
    assert.equal(twice.status, 409, twice.text);
    const edit = await patch(`/v1/quotes/${q.id}`, { note: 'late' });
    assert.equal(edit.status, 409, edit.text);
    assert.equal(edit.json.code, 'record_not_editable');
  });

  it('accepts into a bespoke job that links back, when the credential may open one', async () => {
    const customerId = await newCustomer();
    const q = await quote(customerId);
    const res = await post(`/v1/quotes/${q.id}/accept`, { into: 'bespoke_job' });
    assert.equal(res.status, 201, res.text);
    const job = res.json.bespoke_job;
    assert.equal(res.json.invoice, null);
    assert.equal(job.quote_id, q.id);
    assert.equal(job.title, 'Oval sapphire ring');
    assert.equal(job.stage, 'design');
    assert.deepEqual(job.quoted_price, aud(480_000));
    assert.equal(res.json.quote.bespoke_job_id, job.id);
    assert.equal((await get(`/v1/bespoke-jobs/${job.id}`)).json.quote_id, q.id);

    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: {
        role_permissions: {
          staff: ['view_customers', 'view_sales', 'edit_quote', 'create_invoice'],
        },
      },
    });
    try {
      const other = await quote(customerId);
      const refused = await post(`/v1/quotes/${other.id}/accept`, { into: 'bespoke_job' }, staff);
      assert.equal(refused.status, 403, refused.text);
      assert.match(refused.json.detail, /create_bespoke_job/);
      assert.equal((await get(`/v1/quotes/${other.id}`)).json.status, 'draft', 'nothing written');
      const ok = await post(`/v1/quotes/${other.id}/accept`, {}, staff);
      assert.equal(ok.status, 201, ok.text);
    } finally {
      await ctx.request('PATCH', '/v1/tenant', {
        key: shop.ownerKey,
        body: { role_permissions: null },
      });
    }
  });

  it('honours If-Match and replays an Idempotency-Key without a second number', async () => {
    const customerId = await newCustomer();
    const headers = { 'Idempotency-Key': `quo-${Math.random()}` };
    const body = { customer_id: customerId, lines: [line('Ring', 100)] };
    const first = await post('/v1/quotes', body, shop.ownerKey, headers);
    const again = await post('/v1/quotes', body, shop.ownerKey, headers);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(again.json.id, first.json.id);
    assert.equal((await get(`/v1/quotes?customer_id=${customerId}`)).json.data.length, 1);
    const stale = await patch(`/v1/quotes/${first.json.id}`, { note: 'x' }, shop.ownerKey, {
      'If-Match': '"9"',
    });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(stale.json.current_version, 1);
  });
});

describe('invoices', () => {
  it('numbers an invoice, bills a record of its customer only, and audits it', async () => {
    const customerId = await newCustomer();
    const repair = await post('/v1/repairs', { customer_id: customerId, item_description: 'Ring' });
    const otherRepair = await post('/v1/repairs', {
      customer_id: await newCustomer(),
      item_description: 'Chain',
    });
    const inv = await invoice(customerId, { repair_id: repair.json.id, status: 'sent' });
    assert.match(inv.id, /^inv_/);
    assert.equal(inv.status, 'sent');
    assert.ok(inv.sent_at);
    assert.deepEqual(inv.total, aud(12_000));
    assert.deepEqual(inv.amount_paid, aud(0));
    assert.deepEqual(inv.balance_due, aud(12_000));
    assert.equal(inv.repair_id, repair.json.id);
    const wrong = await post('/v1/invoices', {
      customer_id: customerId,
      lines: [line('x', 1)],
      repair_id: otherRepair.json.id,
    });
    assert.equal(wrong.status, 422, wrong.text);
    assert.equal(wrong.json.errors[0].path, 'repair_id');
    const [created] = await audit('invoice', inv.id);
    assert.ok(created?.changes.some((c) => c.field === 'repair_id'));
  });

  it('takes payments up to the balance, then is paid; refuses more, naming the amounts', async () => {
    const inv = await invoice(await newCustomer());
    const part = await pay(inv.id, 5_000);
    assert.equal(part.status, 201, part.text);
    assert.equal(part.json.status, 'partially_paid');
    assert.deepEqual(part.json.amount_paid, aud(5_000));
    assert.deepEqual(part.json.balance_due, aud(7_000));

    const over = await pay(inv.id, 7_001);
    assert.equal(over.status, 422, over.text);
    assert.equal(over.headers.get('content-type'), 'application/problem+json');
    assert.equal(over.json.errors[0].path, 'amount.amount');
    assert.deepEqual(over.json.balance_due, aud(7_000));
    assert.deepEqual(over.json.amount, aud(7_001));
    assert.match(over.json.detail, /7001.*7000/);

    const rest = await pay(inv.id, 7_000, 'cash');
    assert.equal(rest.json.status, 'paid');
    assert.ok(rest.json.paid_at);
    assert.deepEqual(rest.json.balance_due, aud(0));
    assert.deepEqual(
      rest.json.payments.map((p: { method: string; amount: unknown }) => [p.method, p.amount]),
      [
        ['card', aud(5_000)],
        ['cash', aud(7_000)],
      ],
    );
    const more = await pay(inv.id, 1);
    assert.equal(more.status, 409, more.text);
    assert.equal(more.json.code, 'invoice_not_payable');
    const wrongCurrency = await post(`/v1/invoices/${inv.id}/payments`, {
      method: 'card',
      amount: { amount: 1, currency: 'NZD' },
    });
    assert.equal(wrongCurrency.status, 422, wrongCurrency.text);
  });

  it('lets two tills race for the last payment and takes only one', async () => {
    const inv = await invoice(await newCustomer());
    const [a, b] = await Promise.all([pay(inv.id, 12_000), pay(inv.id, 12_000, 'cash')]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [201, 409], `${a.text} ${b.text}`);
    const read = await get(`/v1/invoices/${inv.id}`);
    assert.deepEqual(read.json.amount_paid, aud(12_000));
    assert.equal(read.json.payments.length, 1);
  });

  it('draws store credit through the ledger, or refuses the payment whole', async () => {
    const customerId = await newCustomer();
    await credit(customerId, 4_000);
    const inv = await invoice(customerId);
    const short = await pay(inv.id, 5_000, 'store_credit');
    assert.equal(short.status, 409, short.text);
    assert.equal(short.json.code, 'insufficient_store_credit');
    const untouched = await get(`/v1/invoices/${inv.id}`);
    assert.deepEqual(untouched.json.amount_paid, aud(0));
    assert.equal(untouched.json.payments.length, 0);
    assert.equal(untouched.json.version, inv.version);

    const ok = await pay(inv.id, 4_000, 'store_credit');
    assert.equal(ok.status, 201, ok.text);
    const ledger = await get(`/v1/customers/${customerId}/store-credit`);
    assert.deepEqual(ledger.json.balance, aud(0));
    const row = ledger.json.data[0];
    assert.deepEqual(row.amount, aud(-4_000));
    assert.equal(row.reference_type, 'invoice');
    assert.equal(row.reference_id, inv.id);
    assert.equal(ok.json.payments[0].store_credit_transaction_id, row.id);
  });

  it('voids: refunds what was paid (store credit back to the ledger), takes no payments, counts for nothing', async () => {
    const customerId = await newCustomer();
    await credit(customerId, 3_000);
    const inv = await invoice(customerId);
    await pay(inv.id, 3_000, 'store_credit');
    await pay(inv.id, 9_000, 'card');
    assert.deepEqual((await summary(customerId)).lifetime_spend, aud(12_000));

    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const refused = await post(`/v1/invoices/${inv.id}/void`, undefined, staff);
    assert.equal(refused.status, 403, 'voiding is a manager’s');
    const voided = await post(`/v1/invoices/${inv.id}/void`, undefined);
    assert.equal(voided.status, 200, voided.text);
    assert.equal(voided.json.status, 'void');
    assert.ok(voided.json.voided_at);
    assert.deepEqual(voided.json.amount_paid, aud(0));
    assert.deepEqual(voided.json.balance_due, aud(0));
    assert.deepEqual(
      voided.json.payments
        .slice(2)
        .map((p: { method: string; amount: unknown }) => [p.method, p.amount]),
      [
        ['store_credit', aud(-3_000)],
        ['card', aud(-9_000)],
      ],
    );
    assert.deepEqual(
      (await get(`/v1/customers/${customerId}/store-credit`)).json.balance,
      aud(3_000),
    );
    assert.deepEqual((await summary(customerId)).lifetime_spend, aud(0));

    const payment = await pay(inv.id, 100);
    assert.equal(payment.status, 409, payment.text);
    assert.equal(payment.json.code, 'invoice_not_payable');
    const edit = await patch(`/v1/invoices/${inv.id}`, { note: 'x' });
    assert.equal(edit.status, 409, edit.text);
    assert.equal(edit.json.code, 'record_not_editable');
    const twice = await post(`/v1/invoices/${inv.id}/void`, undefined);
    assert.equal(twice.status, 409, twice.text);
  });

  it('edits lines only before a payment and moves draft ↔ sent only', async () => {
    const inv = await invoice(await newCustomer());
    const changed = await patch(
      `/v1/invoices/${inv.id}`,
      { lines: [line('Claw re-tip', 11_000)], status: 'sent' },
      shop.ownerKey,
      { 'If-Match': '"1"' },
    );
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.json.total, aud(11_000));
    const [, updated] = await audit('invoice', inv.id);
    assert.deepEqual(
      updated?.changes.map((c) => c.field),
      ['lines', 'total', 'status'],
    );
    const stale = await patch(`/v1/invoices/${inv.id}`, { note: 'x' }, shop.ownerKey, {
      'If-Match': '"1"',
    });
    assert.equal(stale.status, 412, stale.text);
    await pay(inv.id, 1_000);
    const relines = await patch(`/v1/invoices/${inv.id}`, { lines: [line('x', 1)] });
    assert.equal(relines.status, 409, relines.text);
    assert.equal(relines.json.code, 'record_not_editable');
    const back = await patch(`/v1/invoices/${inv.id}`, { status: 'draft' });
    assert.equal(back.status, 409, back.text);
    assert.equal(back.json.code, 'status_transition_not_allowed');
    assert.deepEqual(back.json.allowed_statuses, ['paid', 'void']);
  });

  it('lists by customer and status with cursors, tenant-scoped, and keeps customer sessions out', async () => {
    const customerId = await newCustomer();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await invoice(customerId));
    await pay(made[1].id, 12_000);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/v1/invoices?customer_id=${customerId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      assert.equal(res.status, 200, res.text);
      ids.push(...res.json.data.map((x: { id: string }) => x.id));
      cursor = res.json.next_cursor;
    } while (cursor);
    assert.deepEqual(ids, made.map((x) => x.id).reverse());
    const paid = await get(`/v1/invoices?customer_id=${customerId}&status=paid`);
    assert.deepEqual(
      paid.json.data.map((x: { id: string }) => x.id),
      [made[1].id],
    );
    assert.equal((await get('/v1/invoices?status=owing')).status, 422);
    assert.equal((await get('/v1/invoices?cursor=nope')).status, 422);

    const other = await ctx.createTenant({ name: 'Elsewhere Invoices' });
    assert.equal((await get(`/v1/invoices/${made[0].id}`, other.ownerKey)).status, 404);
    assert.equal((await pay(made[0].id, 1, 'card', other.ownerKey)).status, 404);
    assert.deepEqual(
      (await get(`/v1/invoices?customer_id=${customerId}`, other.ownerKey)).json.data,
      [],
    );
    const session = await post('/v1/sessions', { type: 'customer', customer_id: customerId });
    assert.equal(
      (await get(`/v1/invoices?customer_id=${customerId}`, session.json.token)).status,
      403,
    );
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await get(`/v1/invoices/${made[0].id}`, readonly)).status, 200);
    assert.equal((await pay(made[0].id, 1, 'card', readonly)).status, 403);
    assert.equal(
      (await post('/v1/invoices', { customer_id: customerId, lines: [line('x', 1)] }, readonly))
        .status,
      403,
    );
  });
});

describe('the hero summary with quotes and invoices', () => {
  it('counts them, adds paid invoices to lifetime spend and payments to the last visit', async () => {
    const customerId = await newCustomer();
    await quote(customerId);
    await quote(customerId);
    const paid = await invoice(customerId);
    const owing = await invoice(customerId);
    await invoice(customerId);
    ctx.clock.advance(60_000);
    await pay(paid.id, 12_000);
    ctx.clock.advance(60_000);
    const part = await pay(owing.id, 2_000);
    const s = await summary(customerId);
    assert.equal(s.counts.quotes, 2);
    assert.equal(s.counts.invoices, 3);
    assert.deepEqual(s.lifetime_spend, aud(12_000), 'a partly paid invoice counts once paid');
    assert.equal(s.last_visit_at, part.json.payments[0].paid_at);
  });

  it('counts an invoice rung up as a sale once, as the sale', async () => {
    const customerId = await newCustomer();
    const inv = await invoice(customerId, { status: 'sent' });
    await pay(inv.id, 2_000);
    const sale = await post('/v1/sales', {
      invoice_id: inv.id,
      lines: [{ description: 'Invoice balance', quantity: 1, unit_price: aud(10_000) }],
      payments: [{ method: 'card', amount: aud(10_000) }],
      total: aud(10_000),
    });
    assert.equal(sale.status, 201, sale.text);
    assert.equal(sale.json.invoice_id, inv.id);
    assert.equal(sale.json.customer_id, customerId, 'the invoice’s customer');
    const read = await get(`/v1/invoices/${inv.id}`);
    assert.equal(read.json.status, 'paid');
    assert.deepEqual(read.json.payments[1], {
      method: 'sale',
      amount: aud(10_000),
      reference: null,
      store_credit_transaction_id: null,
      sale_id: sale.json.id,
      staff_name: null,
      paid_at: sale.json.occurred_at,
    });
    // 2,000 paid on the invoice + the 10,000 sale; never 22,000.
    assert.deepEqual((await summary(customerId)).lifetime_spend, aud(12_000));

    const over = await post('/v1/sales', {
      invoice_id: (await invoice(customerId)).id,
      lines: [{ description: 'Too much', quantity: 1, unit_price: aud(20_000) }],
      payments: [{ method: 'card', amount: aud(20_000) }],
      total: aud(20_000),
    });
    assert.equal(over.status, 422, over.text);
    assert.equal(over.json.errors[0].path, 'total.amount');
    const someoneElse = await post('/v1/sales', {
      invoice_id: inv.id,
      customer_id: await newCustomer(),
      lines: [{ description: 'x', quantity: 1, unit_price: aud(0) }],
      total: aud(0),
    });
    assert.equal(someoneElse.status, 409, 'a paid invoice takes no sale');
    const voidIt = await post(`/v1/invoices/${inv.id}/void`, undefined);
    assert.equal(voidIt.status, 409, voidIt.text);
    assert.match(voidIt.json.detail, /return the sale/);
  });
});

describe('locks', () => {
  it('lets a till’s sale for an invoice and a store-credit payment on it race without deadlock', async () => {
    const customerId = await newCustomer();
    await credit(customerId, 5_000);
    const inv = await invoice(customerId);
    const [sale, payment] = await Promise.all([
      post('/v1/sales', {
        invoice_id: inv.id,
        lines: [{ description: 'Part payment', quantity: 1, unit_price: aud(5_000) }],
        payments: [
          { method: 'store_credit', amount: aud(2_000) },
          { method: 'card', amount: aud(3_000) },
        ],
        total: aud(5_000),
      }),
      pay(inv.id, 3_000, 'store_credit'),
    ]);
    assert.equal(sale.status, 201, sale.text);
    assert.equal(payment.status, 201, payment.text);
    const read = await get(`/v1/invoices/${inv.id}`);
    assert.deepEqual(read.json.amount_paid, aud(8_000));
    assert.equal(read.json.status, 'partially_paid');
    const ledger = await get(`/v1/customers/${customerId}/store-credit`);
    assert.deepEqual(ledger.json.balance, aud(0));
  });
});

describe('merge and erasure', () => {
  it('moves quotes and invoices to the survivor', async () => {
    const target = await newCustomer();
    const source = await newCustomer();
    const q = await quote(source);
    const inv = await invoice(source);
    await pay(inv.id, 12_000);
    const preview = await post(`/v1/customers/${target}/merge`, {
      source_customer_id: source,
      dry_run: true,
    });
    assert.equal(preview.json.records.quotes, 1, preview.text);
    assert.equal(preview.json.records.invoices, 1);
    const merged = await post(`/v1/customers/${target}/merge`, { source_customer_id: source });
    assert.equal(merged.status, 200, merged.text);
    assert.equal((await get(`/v1/quotes/${q.id}`)).json.customer_id, target);
    assert.equal((await get(`/v1/invoices/${inv.id}`)).json.customer_id, target);
    const s = await summary(target);
    assert.equal(s.counts.invoices, 1);
    assert.deepEqual(s.lifetime_spend, aud(12_000));
    const refused = await post('/v1/quotes', { customer_id: source, lines: [line('x', 1)] });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'customer_archived');
  });

  it('keeps them de-identified: amounts stay, descriptions, titles, notes and their audit values go', async () => {
    const customerId = await newCustomer();
    const q = await quote(customerId, { note: 'Engrave "Amelia & Tom"' });
    const inv = await invoice(customerId, {
      lines: [line('Engrave "Amelia & Tom"', 5_000)],
      note: 'For Amelia',
    });
    await pay(inv.id, 5_000);
    const erased = await post(`/v1/customers/${customerId}/erase`, undefined);
    assert.equal(erased.status, 200, erased.text);
    const keptQuote = (await get(`/v1/quotes/${q.id}`)).json;
    assert.equal(keptQuote.title, '[erased]');
    assert.equal(keptQuote.note, null);
    assert.ok(keptQuote.lines.every((l: { description: string }) => l.description === '[erased]'));
    assert.deepEqual(keptQuote.total, q.total);
    const keptInvoice = (await get(`/v1/invoices/${inv.id}`)).json;
    assert.equal(keptInvoice.lines[0].description, '[erased]');
    assert.equal(keptInvoice.note, null);
    assert.equal(keptInvoice.status, 'paid');
    assert.deepEqual(keptInvoice.amount_paid, aud(5_000));
    const text = JSON.stringify([await audit('quote', q.id), await audit('invoice', inv.id)]);
    assert.ok(!text.includes('Amelia'), text);
    const refused = await post('/v1/invoices', { customer_id: customerId, lines: [line('x', 1)] });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'customer_erased');
  });

  it('lists both in the customer’s export', async () => {
    const customerId = await newCustomer();
    const q = await quote(customerId);
    const inv = await invoice(customerId);
    const res = await get(`/v1/customers/${customerId}/export`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.json.quotes.map((x: { id: string }) => x.id),
      [q.id],
    );
    assert.deepEqual(
      res.json.invoices.map((x: { id: string }) => x.id),
      [inv.id],
    );
  });
});
