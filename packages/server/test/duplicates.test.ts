import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Duplicate Jewellers', country: 'AU' });
});
after(() => ctx.close());

async function create(body: Record<string, unknown>, tenant: TestTenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', { key: tenant.ownerKey, body });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

interface Candidate {
  customer: { id: string; mobile: string | null };
  score: number;
  reasons: string[];
}

async function duplicatesOf(id: string, key = shop.ownerKey): Promise<Candidate[]> {
  const res = await ctx.request('GET', `/v1/customers/${id}/duplicates`, { key });
  assert.equal(res.status, 200, res.text);
  return res.json.data;
}

describe('likely duplicates', () => {
  it('finds the same phone in another format, a similar name, a tax id and a tagged email, scored', async () => {
    const subject = await create({
      first_name: 'Catherine',
      last_name: 'Okonkwo',
      email: 'cath.okonkwo+rings@example.com',
      mobile: '0413 222 333',
      tax_id: '12 345 678 901',
      birthday: '1979-05-14',
    });
    const samePhone = await create({
      first_name: 'C',
      last_name: 'Smith',
      phone: '+61 413-222-333',
    });
    const typoName = await create({ first_name: 'Katherine', last_name: 'Okonkwo' });
    const typoNameBirthday = await create({
      first_name: 'Catherin',
      last_name: 'Okonkwo',
      birthday: '--05-14',
    });
    const sameTaxId = await create({ first_name: 'Okonkwo Holdings', tax_id: '12345678901' });
    const sameMailbox = await create({
      first_name: 'Cat',
      last_name: 'O',
      email: 'Cath.Okonkwo@example.com',
    });
    const stranger = await create({
      first_name: 'Peter',
      last_name: 'Walsh',
      mobile: '0499 000 111',
    });

    const found = await duplicatesOf(subject);
    const byId = new Map(found.map((c) => [c.customer.id, c]));
    assert.ok(!byId.has(subject), 'never itself');
    assert.ok(!byId.has(stranger), 'not an unrelated customer');
    assert.deepEqual(byId.get(samePhone)?.reasons, ['same_phone']);
    assert.deepEqual(byId.get(typoName)?.reasons, ['similar_name']);
    assert.deepEqual(byId.get(typoNameBirthday)?.reasons, ['similar_name', 'same_birthday']);
    assert.deepEqual(byId.get(sameTaxId)?.reasons, ['same_tax_id']);
    assert.deepEqual(byId.get(sameMailbox)?.reasons, ['same_email']);

    assert.ok(
      byId.get(typoNameBirthday)!.score > byId.get(typoName)!.score,
      'a shared birthday strengthens a name match',
    );
    assert.ok(
      byId.get(samePhone)!.score > byId.get(typoName)!.score,
      'a shared phone beats a similar name',
    );
    const scores = found.map((c) => c.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'strongest first',
    );
  });

  it('leaves out archived and erased customers, and other tenants', async () => {
    const subject = await create({
      first_name: 'Ingrid',
      last_name: 'Halvorsen',
      mobile: '0421 100 200',
    });
    const archived = await create({
      first_name: 'Ingrid',
      last_name: 'Halvorsen',
      mobile: '0421 100 200',
    });
    const erased = await create({ first_name: 'Ingrid', last_name: 'Halvorsen' });
    await ctx.request('POST', `/v1/customers/${archived}/archive`, { key: shop.ownerKey });
    await ctx.request('POST', `/v1/customers/${erased}/erase`, { key: shop.ownerKey });
    const other = await ctx.createTenant({ name: 'Other', country: 'AU' });
    await create({ first_name: 'Ingrid', last_name: 'Halvorsen', mobile: '0421 100 200' }, other);

    assert.deepEqual(await duplicatesOf(subject), []);
    const res = await ctx.request('GET', `/v1/customers/${subject}/duplicates`, {
      key: other.ownerKey,
    });
    assert.equal(res.status, 404, res.text);
  });

  it('returns each candidate as a full customer record with its phone decrypted', async () => {
    const subject = await create({
      first_name: 'Hamish',
      last_name: 'Drummond-Reid',
      mobile: '0455 123 987',
    });
    const twin = await create({
      first_name: 'Hamish',
      last_name: 'Drummond Reid',
      mobile: '+61455123987',
    });
    const [match] = await duplicatesOf(subject);
    assert.ok(match);
    assert.equal(match.customer.id, twin);
    assert.equal(match.customer.mobile, '+61455123987');
    assert.deepEqual(match.reasons, ['same_phone', 'similar_name']);
  });
});
