import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, type Loupe, type RepairStage, VersionConflictError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;
let customerId: string;

before(async () => {
  server = await startInProcessServer();
  loupe = await newTenantClient(server, 'Bench & Co');
  customerId = (await loupe.customers.create({ first_name: 'Eleanor', last_name: 'Whitfield' })).id;
});
after(() => server.close());

describe('repairs and bespoke jobs against the real server', () => {
  it('takes a repair in, moves it to collection with If-Match, and keeps its history', async () => {
    const created = await loupe.repairs.create({
      customer_id: customerId,
      item_description: 'Platinum band, resize to N',
      quoted_price: { amount: 9500, currency: 'AUD' },
    });
    assert.equal(created.number, 'RP-1001');
    assert.equal(created.stage, 'intake');

    let current = created;
    for (const stage of ['in_workshop', 'ready', 'collected'] satisfies RepairStage[]) {
      current = await loupe.repairs.update(current.id, { stage }, { ifMatch: current.version });
    }
    assert.equal(current.version, 4);
    assert.deepEqual(
      current.stage_history.map((h) => h.stage),
      ['intake', 'in_workshop', 'ready', 'collected'],
    );

    const stale = await loupe.repairs
      .update(created.id, { assigned_to: 'Tom' }, { ifMatch: created.version })
      .catch((thrown: unknown) => thrown);
    assert.ok(stale instanceof VersionConflictError, String(stale));
    assert.equal(stale.currentVersion, 4);

    const after = await loupe.repairs
      .update(created.id, { stage: 'ready' })
      .catch((thrown: unknown) => thrown);
    assert.ok(after instanceof ConflictError, String(after));
    assert.equal(after.code, 'stage_transition_not_allowed');
    assert.deepEqual(after.allowedStages, []);

    assert.deepEqual(await loupe.repairs.retrieve(created.id), current);
  });

  it('lists a customer’s repairs and bespoke jobs across pages', async () => {
    for (let i = 0; i < 3; i++) {
      await loupe.bespokeJobs.create({ customer_id: customerId, title: `Commission ${i}` });
    }
    const titles: string[] = [];
    for await (const job of loupe.bespokeJobs.listByCustomer(customerId, { limit: 2 })) {
      titles.push(job.title);
    }
    assert.deepEqual(titles, ['Commission 2', 'Commission 1', 'Commission 0']);
    const jobs = await loupe.bespokeJobs
      .list({ customer_id: customerId, stage: 'enquiry' })
      .toArray({
        limit: 10,
      });
    assert.equal(jobs.length, 3);
    const repairs = await loupe.repairs.listByCustomer(customerId);
    assert.equal(repairs.data.length, 1);
    const summary = await loupe.customers.summary(customerId);
    assert.equal(summary.counts.repairs, 1);
    assert.equal(summary.counts.bespoke, 3);
  });
});
