import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AuthenticationError,
  ConflictError,
  createLoupe,
  type Loupe,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../src/index.js';
import {
  type InProcessServer,
  PLATFORM_KEY,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;
let currency: string;

before(async () => {
  server = await startInProcessServer();
  const platform = createLoupe({ baseUrl: SERVER_URL, apiKey: PLATFORM_KEY, fetch: server.fetch });
  const created = await platform.platform.tenants.create({
    name: 'Harlow & Finch',
    currency: 'AUD',
  });
  currency = created.tenant.currency;
  loupe = createLoupe({ baseUrl: SERVER_URL, apiKey: created.owner_key, fetch: server.fetch });
});
after(() => server.close());

describe('against the real server', () => {
  it('platform.tenants.create gives an owner key that works', async () => {
    const me = await loupe.me();
    assert.equal(me.kind, 'secret');
    assert.equal(me.role, 'owner');
    assert.ok(me.permissions.includes('adjust_store_credit'));
    assert.equal(currency, 'AUD');
  });

  it('me().actor names the caller as the notes it writes name their author', async () => {
    const customer = await loupe.customers.create({ first_name: 'Ines' });
    const note = await loupe.notes.create(customer.id, { body: 'Prefers white gold.' });
    const { actor } = await loupe.me();
    assert.deepEqual(actor, note.author);
    assert.equal(actor.kind, 'secret');
  });

  it('an unknown key is an AuthenticationError', async () => {
    const stranger = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: 'sk_live_nope',
      fetch: server.fetch,
    });
    const error = await stranger.me().catch((thrown: unknown) => thrown);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.code, 'unauthenticated');
    assert.ok(error.requestId, 'the server’s request id reaches the error');
  });

  it('a staff session token from sessions.create works as a browser credential', async () => {
    const { token } = await loupe.sessions.create({ type: 'staff', staff_name: 'Priya' });
    const browser = createLoupe({ baseUrl: SERVER_URL, token, fetch: server.fetch });
    const me = await browser.me();
    assert.equal(me.kind, 'session');
  });

  it('creates, retrieves, updates with If-Match, and lists customers', async () => {
    const created = await loupe.customers.create({
      first_name: 'Mei',
      last_name: 'Chen',
      email: 'mei.chen@example.com',
      ring_size: 'M',
    });
    assert.match(created.id, /^cus_/);
    assert.equal(created.version, 1);

    const fetched = await loupe.customers.retrieve(created.id);
    assert.equal(fetched.email, 'mei.chen@example.com');

    const updated = await loupe.customers.update(
      created.id,
      { ring_size: 'N' },
      { ifMatch: created.version },
    );
    assert.equal(updated.ring_size, 'N');
    assert.equal(updated.version, 2);

    const stale = await loupe.customers
      .update(created.id, { ring_size: 'O' }, { ifMatch: created.version })
      .catch((thrown: unknown) => thrown);
    assert.ok(stale instanceof VersionConflictError, String(stale));

    const page = await loupe.customers.list({ q: 'Chen' });
    assert.ok(page.data.some((customer) => customer.id === created.id));
  });

  it('iterates every customer across pages', async () => {
    for (let index = 0; index < 5; index += 1) {
      await loupe.customers.create({ first_name: 'Page', last_name: `Walker ${index}` });
    }

    const seen = new Set<string>();
    for await (const customer of loupe.customers.list({ limit: 2 })) seen.add(customer.id);

    const firstPage = await loupe.customers.list({ limit: 2 });
    assert.equal(firstPage.data.length, 2);
    assert.ok(firstPage.next_cursor);
    assert.ok(seen.size >= 6, `saw ${seen.size} customers`);
  });

  it('a duplicate email is a ConflictError naming the existing customer', async () => {
    const first = await loupe.customers.create({ first_name: 'Ava', email: 'ava@example.com' });
    const error = await loupe.customers
      .create({ first_name: 'Ava', email: ' AVA@example.com ' })
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'customer_email_taken');
    assert.equal(error.existingCustomerId, first.id);
  });

  it('bad input is a ValidationError with field errors, never a 500', async () => {
    const error = await loupe.customers
      .create({ first_name: 'Zoe', email: 'not-an-email' })
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.status, 422);
    assert.ok(
      error.errors?.some((field) => field.path === 'email'),
      JSON.stringify(error.raw),
    );
  });

  it('adjusts store credit and refuses a debit past the balance', async () => {
    const customer = await loupe.customers.create({ first_name: 'Nora', last_name: 'Quinn' });

    const credit = await loupe.storeCredit.adjust(customer.id, {
      amount: { amount: 5000, currency },
      reason: 'Goodwill',
    });
    assert.deepEqual(credit.balance, { amount: 5000, currency });
    assert.deepEqual(credit.transaction.balance_after, { amount: 5000, currency });

    const refused = await loupe.storeCredit
      .adjust(customer.id, { amount: { amount: -9000, currency }, reason: 'Redeemed' })
      .catch((thrown: unknown) => thrown);
    assert.ok(refused instanceof ConflictError, String(refused));
    assert.equal(refused.code, 'insufficient_store_credit');

    const ledger = await loupe.storeCredit.retrieve(customer.id);
    assert.deepEqual(ledger.balance, { amount: 5000, currency });
    assert.equal(ledger.data.length, 1, 'the refused debit wrote nothing');
  });

  it('a replayed idempotency key applies a credit once', async () => {
    const customer = await loupe.customers.create({ first_name: 'Iris' });
    const body = { amount: { amount: 1200, currency }, reason: 'Return' };

    await loupe.storeCredit.adjust(customer.id, body, { idempotencyKey: 'sct-replay-1' });
    await loupe.storeCredit.adjust(customer.id, body, { idempotencyKey: 'sct-replay-1' });

    const ledger = await loupe.storeCredit.retrieve(customer.id);
    assert.deepEqual(ledger.balance, { amount: 1200, currency });
  });

  it('two concurrent calls with one idempotency key both resolve to the same single credit', async () => {
    const customer = await loupe.customers.create({ first_name: 'Twin' });
    const body = { amount: { amount: 700, currency }, reason: 'Double-tapped button' };
    const options = { idempotencyKey: 'sct-concurrent-1' };

    // The second may meet the first still running (409 idempotency_key_in_use), which the
    // SDK retries until the stored answer can be replayed.
    const [first, second] = await Promise.all([
      loupe.storeCredit.adjust(customer.id, body, options),
      loupe.storeCredit.adjust(customer.id, body, options),
    ]);

    assert.equal(first.transaction.id, second.transaction.id);
    const ledger = await loupe.storeCredit.retrieve(customer.id);
    assert.deepEqual(ledger.balance, { amount: 700, currency });
    assert.equal(ledger.data.length, 1);
  });

  it('summary and history describe the customer', async () => {
    const customer = await loupe.customers.create({ first_name: 'Lena' });
    await loupe.customers.update(customer.id, { last_name: 'Park' });

    const summary = await loupe.customers.summary(customer.id);
    assert.equal(summary.customer_id, customer.id);

    const history = await loupe.customers.history(customer.id);
    assert.deepEqual(
      history.data.map((entry) => entry.action),
      ['customer.updated', 'customer.created'],
    );
  });

  it('customers.merge previews, merges, and the merged customer refuses changes', async () => {
    const keep = await loupe.customers.create({ first_name: 'Ines', mobile: '0412 111 222' });
    const dupe = await loupe.customers.create({ first_name: 'Ines', mobile: '0412 333 444' });
    await loupe.storeCredit.adjust(dupe.id, {
      amount: { amount: 1200, currency },
      reason: 'Return',
    });

    const preview = await loupe.customers.merge(keep.id, {
      source_customer_id: dupe.id,
      dry_run: true,
    });
    assert.equal(preview.id, null);
    assert.deepEqual(preview.store_credit.combined, { amount: 1200, currency });
    assert.deepEqual(
      preview.conflicts.map((conflict) => conflict.field),
      ['mobile'],
    );

    const merged = await loupe.customers.merge(keep.id, { source_customer_id: dupe.id });
    assert.match(merged.id ?? '', /^mrg_/);
    assert.equal((await loupe.customers.retrieve(dupe.id)).merged_into, keep.id);
    assert.deepEqual((await loupe.storeCredit.retrieve(keep.id)).balance, {
      amount: 1200,
      currency,
    });

    const error = await loupe.customers
      .update(dupe.id, { ring_size: 'N' })
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'customer_merged');
    assert.equal(error.mergedInto, keep.id);
  });

  it('reports.storeCreditLiability answers what the tenant owes', async () => {
    const report = await loupe.reports.storeCreditLiability();
    assert.equal(report.owed.currency, currency);
    assert.ok(report.owed.amount >= 1200, JSON.stringify(report));
    assert.deepEqual(
      report.expiring.map((window) => window.within_days),
      [30, 60, 90],
    );
  });

  it('another tenant’s customer is a NotFoundError', async () => {
    const platform = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: PLATFORM_KEY,
      fetch: server.fetch,
    });
    const other = await platform.platform.tenants.create({ name: 'Other Shop' });
    const otherLoupe = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: other.owner_key,
      fetch: server.fetch,
    });
    const theirs = await otherLoupe.customers.create({ first_name: 'Hidden' });

    await assert.rejects(loupe.customers.retrieve(theirs.id), NotFoundError);
  });

  it('archive takes a customer out of lists and unarchive brings it back', async () => {
    const customer = await loupe.customers.create({ first_name: 'Archie', last_name: 'Vale' });

    const archived = await loupe.customers.archive(customer.id);
    assert.ok(archived.archived_at);
    const hidden = await loupe.customers.list({ q: 'Archie Vale' });
    assert.ok(!hidden.data.some((row) => row.id === customer.id));

    const restored = await loupe.customers.unarchive(customer.id);
    assert.equal(restored.archived_at, null);
  });

  it('import starts a job; waitForImport follows it to the end, with good rows kept and bad ones by line', async () => {
    const csv = [
      'first_name,last_name,email',
      'Csv,Importa,csv.importa@example.com',
      'Csv,Broken,not-an-email',
    ].join('\n');

    const job = await loupe.customers.import(`${csv}\n`);
    assert.match(job.id, /^imp_/);
    assert.equal(job.status, 'queued');
    assert.equal(job.rows_total, 2);

    const seen: string[] = [];
    const done = await loupe.customers.waitForImport(job.id, {
      intervalMs: 5,
      onProgress: (progress) => seen.push(progress.status),
    });
    assert.equal(done.status, 'completed');
    assert.equal(seen.at(-1), 'completed');
    assert.equal(done.rows_created, 1);
    assert.deepEqual(
      done.failures.data.map((failure) => failure.line),
      [3],
    );
    assert.deepEqual(
      (await loupe.customers.importJob(job.id, { limit: 1 })).failures.data.length,
      1,
    );
    await assert.rejects(loupe.customers.cancelImport(job.id), ConflictError);

    const exported = await loupe.customers.exportCsv();
    assert.match(exported, /^id,first_name,last_name/);
    assert.match(exported, /csv\.importa@example\.com/);
  });

  it('import sends bytes in another charset as they are, named in the Content-Type', async () => {
    const latin1 = new Uint8Array(
      Buffer.from('first_name,last_name\nJos\xe9,Garc\xeda\n', 'latin1'),
    );
    await assert.rejects(loupe.customers.import(latin1), ValidationError);
    const job = await loupe.customers.import(latin1, { charset: 'iso-8859-1' });
    const done = await loupe.customers.waitForImport(job.id, { intervalMs: 5 });
    assert.equal(done.rows_created, 1);
    const [jose] = (await loupe.customers.list({ q: 'Garcia' })).data;
    assert.equal(jose?.first_name, 'José');
  });

  it('erase removes identifying data and export shows what is held', async () => {
    const customer = await loupe.customers.create({
      first_name: 'Erin',
      email: 'erin.erase@example.com',
    });
    const before = await loupe.customers.export(customer.id);
    assert.equal(before.customer.email, 'erin.erase@example.com');

    const erasure = await loupe.customers.erase(customer.id);
    assert.equal(erasure.customer_id, customer.id);
    assert.equal(erasure.erased_now, true);

    const after = await loupe.customers.retrieve(customer.id);
    assert.equal(after.email, null);
  });

  it('a browser client renews an expired session through fetchToken', async () => {
    let minted = 0;
    const browser = createLoupe({
      baseUrl: SERVER_URL,
      token: 'lst_expired_or_forged',
      fetch: server.fetch,
      // In a real page this calls the host's backend, which holds the secret key.
      fetchToken: async () => {
        minted += 1;
        const session = await loupe.sessions.create({ type: 'staff', staff_name: 'Priya' });
        return session.token;
      },
    });

    const me = await browser.me();

    assert.equal(me.kind, 'session');
    assert.equal(minted, 1);
  });
});
