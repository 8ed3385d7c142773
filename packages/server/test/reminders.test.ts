import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REMINDER_KINDS } from '../src/resources/reminders/schemas.js';
import { remindersOf } from '../src/resources/reminders/store.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

// 20:00 UTC on 30 December 2027 is already 31 December in Sydney (UTC+11 in summer).
const INSTANT = Date.parse('2027-12-30T20:00:00Z');

before(async () => {
  ctx = await createTestContext();
  ctx.clock.advance(INSTANT - ctx.clock.now().getTime());
  shop = await ctx.createTenant({ name: 'Calendar Jewellers', country: 'AU' });
});
after(() => ctx.close());

async function customer(fields: Record<string, unknown>) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Test', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

const reminders = (query = '', key = shop.ownerKey) =>
  ctx.request('GET', `/v1/reminders${query}`, { key });

const rows = (json: { data: Record<string, unknown>[] }) =>
  json.data.map((r) => [r.customer_name, r.kind, r.next_date, r.days_away, r.years]);

describe('GET /v1/reminders', () => {
  let mei: string;
  before(async () => {
    mei = await customer({
      first_name: 'Mei',
      last_name: 'Chen',
      birthday: '1990-01-02',
      spouse_name: 'James',
      spouse_birthday: '1992-02-29',
    });
    await customer({ first_name: 'Ana', last_name: 'Silva', anniversary: '--12-31' });
    await customer({ first_name: 'Far', last_name: 'Away', birthday: '--03-15' });
    const archived = await customer({ first_name: 'Gone', birthday: '--12-31' });
    await ctx.request('POST', `/v1/customers/${archived}/archive`, { key: shop.ownerKey });
    await ctx.createTenant({ name: 'Other' }).then(async (other) => {
      await ctx.request('POST', '/v1/customers', {
        key: other.ownerKey,
        body: { first_name: 'Other', birthday: '--12-31' },
      });
    });
  });

  it('lists dates within the window soonest first, across the year end, in the tenant’s zone', async () => {
    const res = await reminders('?within_days=14');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.time_zone, 'Australia/Sydney');
    assert.equal(res.json.today, '2027-12-31');
    assert.deepEqual(rows(res.json), [
      ['Ana Silva', 'anniversary', '2027-12-31', 0, null],
      ['Mei Chen', 'birthday', '2028-01-02', 2, 38],
    ]);
    assert.equal(res.json.data[1].customer_id, mei);
    assert.equal(res.json.data[1].whose, 'customer');
    assert.equal(res.json.next_cursor, null);
  });

  it('says a spouse’s birthday is the spouse’s, on 29 February in a leap year', async () => {
    const res = await reminders('?within_days=60');
    const spouse = res.json.data.find((r: { kind: string }) => r.kind === 'spouse_birthday');
    assert.deepEqual(
      [spouse.whose, spouse.person_name, spouse.customer_name, spouse.date, spouse.next_date],
      ['spouse', 'James', 'Mei Chen', '1992-02-29', '2028-02-29'],
    );
    assert.equal(spouse.days_away, 60);
    assert.equal(spouse.years, 36);
    const shorter = await reminders('?within_days=59');
    assert.ok(!shorter.json.data.some((r: { kind: string }) => r.kind === 'spouse_birthday'));
  });

  it('pages with a cursor without repeating or losing a reminder', async () => {
    const whole = await reminders('?within_days=366');
    assert.equal(whole.json.data.length, 4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof reminders>> = await reminders(
        `?within_days=366&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(page.status, 200, page.text);
      seen.push(
        ...page.json.data.map(
          (r: { customer_id: string; kind: string }) => `${r.customer_id}:${r.kind}`,
        ),
      );
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      whole.json.data.map(
        (r: { customer_id: string; kind: string }) => `${r.customer_id}:${r.kind}`,
      ),
    );
  });

  it('reads today in the zone the tenant sets, and refuses a zone that isn’t an IANA name', async () => {
    for (const bad of ['Mars/Olympus', '+11:00']) {
      const res = await ctx.request('PATCH', '/v1/tenant', {
        key: shop.ownerKey,
        body: { time_zone: bad },
      });
      assert.equal(res.status, 422, bad);
      assert.equal(res.json.errors[0].path, 'time_zone');
    }
    const utc = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { time_zone: 'UTC' },
    });
    assert.equal(utc.status, 200, utc.text);
    assert.equal(utc.json.time_zone, 'UTC');
    const res = await reminders('?within_days=1');
    assert.equal(res.json.today, '2027-12-30');
    assert.deepEqual(rows(res.json), [['Ana Silva', 'anniversary', '2027-12-31', 1, null]]);
    const reset = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { time_zone: null },
    });
    assert.equal(reset.json.time_zone, 'Australia/Sydney');
  });

  it('refuses a window past a year and a bad cursor, and a customer session', async () => {
    const long = await reminders('?within_days=367');
    assert.equal(long.status, 422);
    assert.equal(long.json.errors[0].path, 'within_days');
    const cursor = await reminders('?cursor=abc');
    assert.equal(cursor.status, 422);
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: mei },
    });
    const refused = await reminders('', session.json.token);
    assert.equal(refused.status, 403);
  });

  it('shows a branch-limited credential only the customers it can see', async () => {
    const branch = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'North' },
    });
    const south = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'South' },
    });
    await customer({ first_name: 'Southern', birthday: '--12-31', home_branch_id: south.json.id });
    const north = await ctx.createKey(shop.ownerKey, { role: 'staff', branch_id: branch.json.id });
    const all = await reminders('?within_days=0');
    const mine = await reminders('?within_days=0', north);
    assert.ok(all.json.data.some((r: { customer_name: string }) => r.customer_name === 'Southern'));
    assert.ok(
      !mine.json.data.some((r: { customer_name: string }) => r.customer_name === 'Southern'),
    );
  });
});

describe('GET /v1/reminders read through the month-day indexes', () => {
  let tenant: TestTenant;
  const people: {
    id: string;
    first_name: string;
    last_name: string | null;
    spouse_name: string | null;
    birthday: string | null;
    anniversary: string | null;
    spouse_birthday: string | null;
  }[] = [];

  before(async () => {
    tenant = await ctx.createTenant({ name: 'Index Jewellers', country: 'GB' });
    const zone = await ctx.request('PATCH', '/v1/tenant', {
      key: tenant.ownerKey,
      body: { time_zone: 'UTC' },
    });
    assert.equal(zone.status, 200, zone.text);
    // The edges (today's and yesterday's month-day, the year end, 28 and 29 February, 1 March)
    // several times each, so ties are broken by kind and id, and a spread of other days.
    const edges = ['12-19', '12-20', '12-31', '01-01', '02-27', '02-28', '02-29', '03-01'];
    const spread = Array.from(
      { length: 12 },
      (_, i) =>
        `${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
    );
    const days = [...edges, ...edges, ...spread];
    for (const [i, md] of days.entries()) {
      const withYear = (year: number) => (md === '02-29' ? `1992-${md}` : `${year}-${md}`);
      const fields = {
        first_name: `Index${i}`,
        last_name: 'Person',
        spouse_name: i % 3 === 0 ? `Spouse${i}` : null,
        birthday: i % 2 === 0 ? withYear(1980 + i) : `--${md}`,
        anniversary: i % 3 === 1 ? `--${md}` : null,
        spouse_birthday: i % 3 === 0 ? withYear(1985) : null,
      };
      const res = await ctx.request('POST', '/v1/customers', {
        key: tenant.ownerKey,
        body: fields,
      });
      assert.equal(res.status, 201, res.text);
      people.push({ id: res.json.id, ...fields });
    }
    // A date stored before dates were checked (no 29 February in 2001) is passed over.
    const odd = people[people.length - 1]!;
    odd.birthday = '2001-02-29';
    await ctx.services.db.query(
      'UPDATE customers SET birthday = $3 WHERE tenant_id = $1 AND id = $2',
      [tenant.id, odd.id, odd.birthday],
    );
  });

  /** What the whole list must be: every customer's dates through the calendar rules. */
  function expected(today: string, within: number) {
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    return people
      .flatMap((p) => remindersOf(p, { year, month, day }, within))
      .sort(
        (a, b) =>
          a.days_away - b.days_away ||
          REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind) ||
          (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0),
      )
      .map((r) => `${r.days_away} ${r.kind} ${r.customer_id} ${r.next_date}`);
  }

  async function pages(within: number, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof reminders>> = await reminders(
        `?within_days=${within}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        tenant.ownerKey,
      );
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.data.length <= limit);
      seen.push(
        ...res.json.data.map(
          (r: { days_away: number; kind: string; customer_id: string; next_date: string }) =>
            `${r.days_away} ${r.kind} ${r.customer_id} ${r.next_date}`,
        ),
      );
      cursor = res.json.next_cursor;
    } while (cursor);
    return seen;
  }

  for (const today of ['2026-12-20', '2027-02-27', '2027-02-28', '2028-02-28', '2028-02-29']) {
    it(`pages every window from ${today} in order: year end, 29 February, a whole year`, async () => {
      const was = ctx.clock.now().getTime();
      ctx.clock.advance(Date.parse(`${today}T12:00:00Z`) - was);
      try {
        for (const within of [0, 1, 14, 60, 365, 366]) {
          const want = expected(today, within);
          assert.deepEqual(await pages(within, 100), want, `${today} within ${within}`);
          assert.deepEqual(await pages(within, 3), want, `${today} within ${within}, pages of 3`);
        }
        assert.deepEqual(await pages(366, 1), expected(today, 366), `${today}, pages of 1`);
      } finally {
        ctx.clock.advance(was - ctx.clock.now().getTime());
      }
    });
  }

  it('leaves 28 February’s and 29 February’s people together on a common year’s 28th', async () => {
    const was = ctx.clock.now().getTime();
    ctx.clock.advance(Date.parse('2027-02-27T12:00:00Z') - was);
    try {
      const res = await reminders('?within_days=1&limit=100', tenant.ownerKey);
      const on28 = res.json.data.filter((r: { days_away: number }) => r.days_away === 1);
      const dates = new Set(on28.map((r: { date: string }) => r.date.slice(-5)));
      assert.deepEqual([...dates].sort(), ['02-28', '02-29']);
      assert.ok(on28.every((r: { next_date: string }) => r.next_date === '2027-02-28'));
    } finally {
      ctx.clock.advance(was - ctx.clock.now().getTime());
    }
  });
});
