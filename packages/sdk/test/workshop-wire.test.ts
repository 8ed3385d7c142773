import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { ConflictError, createLoupe, REPAIR_STAGES } from '../src/index.js';
import { BASE_URL, http, mockApi, problem } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123', maxRetries: 0 });

const repair = { id: 'rep_1', number: 'RP-2291', stage: 'intake', version: 1 };
const job = { id: 'bsp_1', number: 'BS-1042', stage: 'design', version: 2 };
const page = (data: unknown[], next_cursor: string | null) => ({ data, next_cursor });

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

describe('repairs and bespoke jobs on the wire', () => {
  it('repairs.create POSTs the body with an idempotency key', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/repairs`, () => HttpResponse.json(repair, { status: 201 })),
    );

    const created = await loupe.repairs.create({
      customer_id: 'cus_1',
      item_description: 'Claw re-tip',
      quoted_price: { amount: 18000, currency: 'AUD' },
    });

    assert.deepEqual(created, repair);
    const [request] = seen;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url.href, `${BASE_URL}/v1/repairs`);
    assert.ok(request?.headers.get('idempotency-key'));
    assert.deepEqual(await request?.json(), {
      customer_id: 'cus_1',
      item_description: 'Claw re-tip',
      quoted_price: { amount: 18000, currency: 'AUD' },
    });
  });

  it('update PATCHes a stage move with If-Match, and retrieve GETs by id', async () => {
    server.use(
      http.patch(`${BASE_URL}/v1/repairs/:id`, () => HttpResponse.json(repair)),
      http.get(`${BASE_URL}/v1/repairs/:id`, () => HttpResponse.json(repair)),
      http.patch(`${BASE_URL}/v1/bespoke-jobs/:id`, () => HttpResponse.json(job)),
      http.get(`${BASE_URL}/v1/bespoke-jobs/:id`, () => HttpResponse.json(job)),
    );

    await loupe.repairs.update('rep_1', { stage: 'ready', stage_note: 'Done' }, { ifMatch: 1 });
    await loupe.repairs.retrieve('rep_1');
    await loupe.bespokeJobs.update('bsp_1', { stage: 'approved' }, { ifMatch: 2 });
    await loupe.bespokeJobs.retrieve('bsp_1');

    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname} ${r.headers.get('if-match')}`),
      [
        'PATCH /v1/repairs/rep_1 "1"',
        'GET /v1/repairs/rep_1 null',
        'PATCH /v1/bespoke-jobs/bsp_1 "2"',
        'GET /v1/bespoke-jobs/bsp_1 null',
      ],
    );
    assert.deepEqual(await seen[0]?.json(), { stage: 'ready', stage_note: 'Done' });
    assert.equal(seen[0]?.headers.get('idempotency-key'), null);
  });

  it('listByCustomer sends customer_id with the filters and iterates every page', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/repairs`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(
          cursor ? page([{ ...repair, id: 'rep_2' }], null) : page([repair], 'c2'),
        );
      }),
    );

    const ids: string[] = [];
    for await (const r of loupe.repairs.listByCustomer('cus_1', { stage: 'intake', limit: 1 })) {
      ids.push(r.id);
    }

    assert.deepEqual(ids, ['rep_1', 'rep_2']);
    assert.deepEqual(
      seen.map((r) => Object.fromEntries(r.url.searchParams)),
      [
        { stage: 'intake', limit: '1', customer_id: 'cus_1' },
        { stage: 'intake', limit: '1', customer_id: 'cus_1', cursor: 'c2' },
      ],
    );
  });

  it('bespokeJobs.list passes overdue and branch filters', async () => {
    server.use(http.get(`${BASE_URL}/v1/bespoke-jobs`, () => HttpResponse.json(page([job], null))));

    const first = await loupe.bespokeJobs.list({ overdue: true, branch_id: 'br_1' });

    assert.deepEqual(first.data, [job]);
    assert.deepEqual(Object.fromEntries(seen[0]?.url.searchParams ?? []), {
      overdue: 'true',
      branch_id: 'br_1',
    });
  });

  it('a refused stage move is a ConflictError carrying the allowed stages', async () => {
    server.use(
      http.patch(`${BASE_URL}/v1/repairs/:id`, () =>
        problem(409, 'stage_transition_not_allowed', {
          stage: 'intake',
          allowed_stages: ['in_workshop', 'cancelled'],
        }),
      ),
    );

    const error = await loupe.repairs
      .update('rep_1', { stage: 'collected' })
      .catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'stage_transition_not_allowed');
    assert.deepEqual(error.allowedStages, ['in_workshop', 'cancelled']);
    assert.equal(seen.length, 1, 'a refused move is not retried');
  });

  it('exports the stages in flow order', () => {
    assert.deepEqual(REPAIR_STAGES, ['intake', 'in_workshop', 'ready', 'collected', 'cancelled']);
  });
});
