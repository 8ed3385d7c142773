import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Atelier Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });

async function newCustomer(fields: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Amelia', last_name: `Atelier ${Math.random()}`, ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

async function createJob(body: Record<string, unknown>) {
  const res = await ctx.request('POST', '/v1/bespoke-jobs', {
    key: shop.ownerKey,
    body: { title: 'Three-stone engagement ring', ...body },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const patch = (id: string, body: Record<string, unknown>) =>
  ctx.request('PATCH', `/v1/bespoke-jobs/${id}`, { key: shop.ownerKey, body });

describe('bespoke jobs', () => {
  it('opens a numbered job at enquiry with a quote and a deposit in the tenant’s currency', async () => {
    const customerId = await newCustomer();
    const job = await createJob({
      customer_id: customerId,
      brief: 'Oval sapphire, two pear diamonds, low setting',
      quoted_price: aud(850_000),
      deposit: aud(200_000),
      due_at: '2027-02-14T00:00:00Z',
    });
    assert.match(job.id, /^bsp_/);
    assert.equal(job.number, 'BS-1001');
    assert.equal(job.stage, 'enquiry');
    assert.deepEqual(job.deposit, aud(200_000));
    assert.deepEqual(job.quoted_price, aud(850_000));
    const second = await createJob({ customer_id: customerId });
    assert.equal(second.number, 'BS-1002', 'a counter of its own, apart from repairs');

    const wrong = await ctx.request('POST', '/v1/bespoke-jobs', {
      key: shop.ownerKey,
      body: { customer_id: customerId, title: 'x', deposit: { amount: 5, currency: 'EUR' } },
    });
    assert.equal(wrong.status, 422, wrong.text);
    assert.equal(wrong.json.errors[0].path, 'deposit.currency');
    const untitled = await ctx.request('POST', '/v1/bespoke-jobs', {
      key: shop.ownerKey,
      body: { customer_id: customerId },
    });
    assert.equal(untitled.status, 422, untitled.text);
    assert.equal(untitled.json.errors[0].path, 'title');
  });

  it('goes from design back to design after approval, but not once production started', async () => {
    const job = await createJob({ customer_id: await newCustomer() });
    const skip = await patch(job.id, { stage: 'approved' });
    assert.equal(skip.status, 409, skip.text);
    assert.deepEqual(skip.json.allowed_stages, ['design', 'cancelled']);
    for (const stage of ['design', 'approved', 'design', 'approved', 'in_production']) {
      const res = await patch(job.id, { stage });
      assert.equal(res.status, 200, `${stage}: ${res.text}`);
    }
    const redesign = await patch(job.id, { stage: 'design' });
    assert.equal(redesign.status, 409, redesign.text);
    assert.deepEqual(redesign.json.allowed_stages, ['ready', 'cancelled']);
    const done = await patch(job.id, { stage: 'ready' });
    assert.deepEqual(
      done.json.stage_history.map((h: { stage: string }) => h.stage),
      ['enquiry', 'design', 'approved', 'design', 'approved', 'in_production', 'ready'],
    );
  });

  it('lists a customer’s jobs and the overdue ones (not yet ready past their date)', async () => {
    const customerId = await newCustomer();
    const past = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString();
    const late = await createJob({ customer_id: customerId, stage: 'approved', due_at: past });
    const finished = await createJob({ customer_id: customerId, stage: 'ready', due_at: past });
    const list = await ctx.request('GET', `/v1/bespoke-jobs?customer_id=${customerId}`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      list.json.data.map((j: { id: string }) => j.id),
      [finished.id, late.id],
    );
    const overdue = await ctx.request(
      'GET',
      `/v1/bespoke-jobs?customer_id=${customerId}&overdue=true`,
      { key: shop.ownerKey },
    );
    assert.deepEqual(
      overdue.json.data.map((j: { id: string }) => j.id),
      [late.id],
    );
  });
});

describe('erasing a customer with workshop records', () => {
  it('keeps the records and their numbers, prices and stages, and erases the free text about the person', async () => {
    const customerId = await newCustomer();
    const repair = await ctx.request('POST', '/v1/repairs', {
      key: shop.ownerKey,
      body: {
        customer_id: customerId,
        item_description: "Engraved band 'Amelia & Tom'",
        condition_notes: 'Worn since her wedding in Bowral',
        quoted_price: aud(9000),
        assigned_to: 'Tom (workshop)',
      },
    });
    assert.equal(repair.status, 201, repair.text);
    const moved = await ctx.request('PATCH', `/v1/repairs/${repair.json.id}`, {
      key: shop.ownerKey,
      body: { stage: 'in_workshop', stage_note: 'Amelia called to say hurry' },
    });
    assert.equal(moved.status, 200, moved.text);
    const job = await createJob({
      customer_id: customerId,
      title: "Amelia's anniversary ring",
      brief: 'Her late mother’s sapphire, reset',
      deposit: aud(50_000),
    });

    // Before erasure, a subject-access export holds them whole.
    const exported = await ctx.request('GET', `/v1/customers/${customerId}/export`, {
      key: shop.ownerKey,
    });
    assert.equal(exported.status, 200, exported.text);
    assert.deepEqual(
      exported.json.repairs.map((r: { condition_notes: string }) => r.condition_notes),
      ['Worn since her wedding in Bowral'],
    );
    assert.equal(exported.json.repairs[0].stage_history[1].note, 'Amelia called to say hurry');
    assert.deepEqual(
      exported.json.bespoke_jobs.map((j: { brief: string }) => j.brief),
      ['Her late mother’s sapphire, reset'],
    );

    const erased = await ctx.request('POST', `/v1/customers/${customerId}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);

    const after = (
      await ctx.request('GET', `/v1/repairs/${repair.json.id}`, { key: shop.ownerKey })
    ).json;
    assert.equal(after.number, repair.json.number);
    assert.equal(after.item_description, '[erased]');
    assert.equal(after.condition_notes, null);
    assert.deepEqual(after.quoted_price, aud(9000));
    assert.equal(after.assigned_to, 'Tom (workshop)');
    assert.equal(after.stage, 'in_workshop');
    assert.equal(after.stage_history.length, 2);
    assert.equal(after.stage_history[1].note, null);
    const jobAfter = (
      await ctx.request('GET', `/v1/bespoke-jobs/${job.id}`, { key: shop.ownerKey })
    ).json;
    assert.equal(jobAfter.title, '[erased]');
    assert.equal(jobAfter.brief, null);
    assert.deepEqual(jobAfter.deposit, aud(50_000));

    const { rows } = await ctx.services.db.query<{ changes: unknown }>(
      `SELECT changes FROM audit_log WHERE entity_id = ANY($1::text[])`,
      [[repair.json.id, job.id]],
    );
    const text = JSON.stringify(rows);
    for (const secret of ['Amelia', 'Bowral', 'sapphire', 'wedding']) {
      assert.ok(!text.includes(secret), `the audit log no longer holds "${secret}"`);
    }
    assert.ok(text.includes('"in_workshop"'), 'stage changes keep their values');
    // The piece still moves through the workshop, but takes no new text about the person.
    const collectedLater = await ctx.request('PATCH', `/v1/repairs/${repair.json.id}`, {
      key: shop.ownerKey,
      body: { stage: 'ready', quoted_price: aud(9900) },
    });
    assert.equal(collectedLater.status, 200, collectedLater.text);
    for (const body of [
      { condition_notes: 'She said it was from her mother' },
      { stage: 'collected', stage_note: 'Amelia collected' },
    ]) {
      const res = await ctx.request('PATCH', `/v1/repairs/${repair.json.id}`, {
        key: shop.ownerKey,
        body,
      });
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json.code, 'customer_erased');
    }
    const renamed = await ctx.request('PATCH', `/v1/bespoke-jobs/${job.id}`, {
      key: shop.ownerKey,
      body: { title: "Amelia's ring" },
    });
    assert.equal(renamed.status, 409, renamed.text);

    const stillTheirs = await ctx.request('GET', `/v1/repairs?customer_id=${customerId}`, {
      key: shop.ownerKey,
    });
    assert.equal(stillTheirs.json.data.length, 1);
  });
});

describe('merging customers with workshop records', () => {
  it('moves the source’s bespoke jobs to the survivor with their numbers and history, and opens nothing new on the source', async () => {
    const survivor = await newCustomer();
    const source = await newCustomer();
    const job = await createJob({ customer_id: source, title: 'Signet ring' });
    const designed = await patch(job.id, { stage: 'design', stage_note: 'Crest sketched' });
    assert.equal(designed.status, 200, designed.text);

    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);

    const moved = (await ctx.request('GET', `/v1/bespoke-jobs/${job.id}`, { key: shop.ownerKey }))
      .json;
    assert.equal(moved.customer_id, survivor);
    assert.equal(moved.number, job.number);
    assert.deepEqual(
      moved.stage_history.map((h: { stage: string; note: string | null }) => [h.stage, h.note]),
      [
        ['enquiry', null],
        ['design', 'Crest sketched'],
      ],
    );
    const left = await ctx.request('GET', `/v1/bespoke-jobs?customer_id=${source}`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(left.json.data, []);
    const onSource = await ctx.request('POST', '/v1/repairs', {
      key: shop.ownerKey,
      body: { customer_id: source, item_description: 'Chain' },
    });
    assert.equal(onSource.status, 409, onSource.text);
    assert.equal(onSource.json.code, 'customer_archived');
    assert.match(onSource.json.detail, new RegExp(survivor));
    const summary = await ctx.request('GET', `/v1/customers/${survivor}/summary`, {
      key: shop.ownerKey,
    });
    assert.equal(summary.json.counts.bespoke, 1);
  });
});
