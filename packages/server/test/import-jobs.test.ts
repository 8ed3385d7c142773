/**
 * CSV imports as jobs: the 202 and its job, progress and the paged row report, cancel,
 * resume after a restart, two instances never running one job, tenancy, permissions,
 * idempotency and the file's charset.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/core/db/types.js';
import type { Services } from '../src/core/services.js';
import { claimImportJob, renewLease } from '../src/resources/customers/csv/import-job-store.js';
import { IMPORT_WORKER, ImportWorker } from '../src/resources/customers/csv/import-worker.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { customersCsv, importAndWait, postImport, waitForImport } from './imports.js';

type Progress = { id: string; rows_done: number; rows_total: number };

/**
 * The app's import worker, held: `paused` keeps queued jobs queued, `onChunk` watches each
 * committed chunk. Small chunks so a few hundred rows make many of them.
 */
function controlledWorker(services: Services) {
  const control = {
    paused: false,
    onChunk: undefined as ((progress: Progress) => void) | undefined,
    worker: new ImportWorker(services, {
      limits: { maxChunkRows: 25 },
      onChunk: (progress) => control.onChunk?.(progress),
    }),
  };
  services.workers.add({
    name: IMPORT_WORKER,
    wake: () => {
      if (!control.paused) control.worker.wake();
    },
    start: () => control.worker.start(),
    stop: () => control.worker.stop(),
  });
  return control;
}

let ctx: TestContext;
let control: ReturnType<typeof controlledWorker>;
let shop: TestTenant;
let rival: TestTenant;

before(async () => {
  ctx = await createTestContext({
    beforeApp: (services) => {
      control = controlledWorker(services);
    },
  });
  shop = await ctx.createTenant({ name: 'Import Jobs', country: 'AU' });
  rival = await ctx.createTenant({ name: 'Rival', country: 'AU' });
});
after(() => ctx.close());

async function countCustomers(tenantId: string): Promise<number> {
  const { rows } = await ctx.services.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0]!.n;
}

/** Stored parts of a job's file (it is dropped when the job ends). */
async function fileParts(importId: string): Promise<number> {
  const { rows } = await ctx.services.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customer_import_parts WHERE import_id = $1',
    [importId],
  );
  return rows[0]!.n;
}

describe('CSV import jobs', () => {
  it('answers 202 with a queued job and its Location, then reports progress and the failed rows page by page', async () => {
    const tenant = await ctx.createTenant({ name: 'Lifecycle' });
    const posted = await postImport(
      ctx.request,
      tenant.ownerKey,
      customersCsv(60, { prefix: 'life', badEvery: 10 }),
    );
    assert.equal(posted.status, 202, posted.text);
    assert.match(posted.json.id, /^imp_[0-9a-z]{26}$/);
    assert.equal(posted.headers.get('location'), `/v1/customers/imports/${posted.json.id}`);
    assert.equal(posted.json.status, 'queued');
    assert.equal(posted.json.rows_total, 60);
    assert.equal(posted.json.rows_done, 0);
    assert.deepEqual(posted.json.failures, { data: [], next_cursor: null });

    const job = await waitForImport(ctx.request, tenant.ownerKey, posted.json.id);
    assert.equal(job.status, 'completed');
    assert.deepEqual(
      [job.rows_total, job.rows_done, job.rows_created, job.rows_failed],
      [60, 60, 54, 6],
    );
    assert.ok(job.started_at && job.finished_at);
    assert.equal(job.error, null);
    assert.deepEqual(
      job.failures.data.map((f: { line: number }) => f.line),
      [11, 21, 31, 41, 51, 61],
    );
    assert.deepEqual(
      job.failures.data[0].errors.map((e: { field: string }) => e.field),
      ['email'],
    );
    assert.equal(await countCustomers(tenant.id), 54);
    assert.equal(await fileParts(job.id), 0, 'the file is dropped once the job completes');

    // The report pages by line.
    const first = await ctx.request('GET', `/v1/customers/imports/${job.id}?limit=4`, {
      key: tenant.ownerKey,
    });
    assert.deepEqual(
      first.json.failures.data.map((f: { line: number }) => f.line),
      [11, 21, 31, 41],
    );
    const second = await ctx.request(
      'GET',
      `/v1/customers/imports/${job.id}?limit=4&cursor=${first.json.failures.next_cursor}`,
      { key: tenant.ownerKey },
    );
    assert.deepEqual(
      second.json.failures.data.map((f: { line: number }) => f.line),
      [51, 61],
    );
    assert.equal(second.json.failures.next_cursor, null);
    const badCursor = await ctx.request('GET', `/v1/customers/imports/${job.id}?cursor=xyz`, {
      key: tenant.ownerKey,
    });
    assert.equal(badCursor.status, 422, badCursor.text);
  });

  it("answers 404 for another tenant's import, to read or to cancel", async () => {
    control.paused = true;
    const posted = await postImport(ctx.request, shop.ownerKey, customersCsv(3, { prefix: 'ten' }));
    control.paused = false;
    assert.equal(posted.status, 202, posted.text);
    const path = `/v1/customers/imports/${posted.json.id}`;
    const read = await ctx.request('GET', path, { key: rival.ownerKey });
    assert.equal(read.status, 404, read.text);
    assert.equal(read.json.code, 'not_found');
    const cancel = await ctx.request('POST', `${path}/cancel`, { key: rival.ownerKey });
    assert.equal(cancel.status, 404, cancel.text);
    assert.equal(
      (await ctx.request('GET', '/v1/customers/imports/imp_nope', { key: shop.ownerKey })).status,
      404,
    );

    control.worker.wake();
    const job = await waitForImport(ctx.request, shop.ownerKey, posted.json.id);
    assert.equal(job.status, 'completed', 'the rival’s cancel did not touch it');
  });

  it('needs create_customer to import, to read an import and to cancel one', async () => {
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const denied = await postImport(ctx.request, readonly, 'first_name\nAnn\n');
    assert.equal(denied.status, 403, denied.text);
    assert.equal(denied.json.code, 'permission_denied');

    const job = await importAndWait(ctx.request, shop.ownerKey, 'first_name\nPerm\n');
    const read = await ctx.request('GET', `/v1/customers/imports/${job.id}`, { key: readonly });
    assert.equal(read.status, 403, read.text);
    const cancel = await ctx.request('POST', `/v1/customers/imports/${job.id}/cancel`, {
      key: readonly,
    });
    assert.equal(cancel.status, 403, cancel.text);
  });

  it('replays the same job for a repeated Idempotency-Key and refuses the key with another file', async () => {
    const tenant = await ctx.createTenant({ name: 'Idempotent Import' });
    const csv = customersCsv(5, { prefix: 'idem' });
    const headers = { 'Idempotency-Key': 'import-once' };
    const first = await postImport(ctx.request, tenant.ownerKey, csv, headers);
    assert.equal(first.status, 202, first.text);
    const again = await postImport(ctx.request, tenant.ownerKey, csv, headers);
    assert.equal(again.status, 202, again.text);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    const other = await postImport(ctx.request, tenant.ownerKey, customersCsv(6), headers);
    assert.equal(other.status, 409, other.text);
    assert.equal(other.json.code, 'idempotency_key_reused');

    await waitForImport(ctx.request, tenant.ownerKey, first.json.id);
    assert.equal(await countCustomers(tenant.id), 5, 'imported once');
  });

  it('refuses Latin-1 bytes with their line, and imports them when the charset says so', async () => {
    const tenant = await ctx.createTenant({ name: 'Latin Shop' });
    // "José García" and "Zoë" as an old spreadsheet saves them: ISO-8859-1, one byte each.
    const latin1 = Buffer.from(
      'first_name,last_name\nAnn,Lee\nJos\xe9,Garc\xeda\nZo\xeb,Ng\n',
      'latin1',
    );
    const variants: Record<string, string>[] = [{}, { 'Idempotency-Key': 'latin-1-a' }];
    for (const headers of variants) {
      const refused = await postImport(ctx.request, tenant.ownerKey, latin1, headers);
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.headers.get('content-type'), 'application/problem+json');
      assert.equal(refused.json.code, 'validation_failed');
      assert.deepEqual(refused.json.errors, [{ path: 'line 3', message: 'is not UTF-8' }]);
    }
    assert.equal(await countCustomers(tenant.id), 0, 'nothing half-written');

    const job = await importAndWait(ctx.request, tenant.ownerKey, latin1, {
      'Content-Type': 'text/csv; charset=iso-8859-1',
      'Idempotency-Key': 'latin-1-b',
    });
    assert.equal(job.rows_created, 3);
    const list = await ctx.request('GET', '/v1/customers?limit=10', { key: tenant.ownerKey });
    const names = list.json.data.map(
      (c: { first_name: string; last_name: string }) => `${c.first_name} ${c.last_name}`,
    );
    assert.deepEqual(names.sort(), ['Ann Lee', 'José García', 'Zoë Ng']);

    const unknown = await postImport(ctx.request, tenant.ownerKey, 'first_name\nA\n', {
      'Content-Type': 'text/csv; charset=klingon',
    });
    assert.equal(unknown.status, 422, unknown.text);
    assert.equal(unknown.json.errors[0].path, 'Content-Type');
  });

  it('cancels a queued import before it starts, and says an ended import is finished', async () => {
    const tenant = await ctx.createTenant({ name: 'Cancel Queued' });
    control.paused = true;
    // ~150 KB: stored in several parts, so no one statement holds the embedded engine long.
    const posted = await postImport(
      ctx.request,
      tenant.ownerKey,
      customersCsv(2500, { prefix: 'q' }),
    );
    control.paused = false;
    assert.ok((await fileParts(posted.json.id)) > 1);
    const path = `/v1/customers/imports/${posted.json.id}`;
    const cancelled = await ctx.request('POST', `${path}/cancel`, { key: tenant.ownerKey });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.json.status, 'cancelled');
    assert.equal(cancelled.json.rows_done, 0);
    assert.equal(await fileParts(posted.json.id), 0, 'the file is dropped on cancel');
    control.worker.wake();
    await control.worker.idle();
    assert.equal(await countCustomers(tenant.id), 0);

    const again = await ctx.request('POST', `${path}/cancel`, { key: tenant.ownerKey });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.json.code, 'import_finished');
  });

  it('stops a running import at the next chunk; the rows committed before stay, counted', async () => {
    const tenant = await ctx.createTenant({ name: 'Cancel Running' });
    let cancelling: Promise<unknown> | undefined;
    let id = '';
    control.onChunk = (progress) => {
      if (progress.id === id && !cancelling) {
        cancelling = ctx.request('POST', `/v1/customers/imports/${id}/cancel`, {
          key: tenant.ownerKey,
        });
      }
    };
    control.paused = true;
    const posted = await postImport(
      ctx.request,
      tenant.ownerKey,
      customersCsv(300, { prefix: 'run' }),
    );
    id = posted.json.id;
    control.paused = false;
    control.worker.wake();
    await control.worker.idle();
    control.onChunk = undefined;
    await cancelling;

    const job = await waitForImport(ctx.request, tenant.ownerKey, id);
    assert.equal(job.status, 'cancelled');
    assert.ok(job.rows_done > 0 && job.rows_done < 300, `rows_done ${job.rows_done}`);
    assert.equal(job.rows_created + job.rows_failed, job.rows_done);
    assert.equal(await countCustomers(tenant.id), job.rows_created);
  });

  it('resumes after a restart on another instance without importing a row twice', async () => {
    const tenant = await ctx.createTenant({ name: 'Resume Shop' });
    // Instance A takes the job and shuts down after two chunks.
    let chunks = 0;
    let stopping: Promise<void> | undefined;
    let workerA: ImportWorker | undefined;
    const a = await ctx.anotherInstance({
      beforeApp: (services) => {
        workerA = new ImportWorker(services, {
          limits: { maxChunkRows: 20 },
          onChunk: () => {
            chunks += 1;
            if (chunks === 2) stopping = workerA!.stop();
          },
        });
        services.workers.add(workerA);
      },
    });
    control.paused = true; // the test app's own worker stays out of it
    const posted = await postImport(
      a.request,
      tenant.ownerKey,
      customersCsv(200, { prefix: 'res', badEvery: 7 }),
    );
    assert.equal(posted.status, 202, posted.text);
    await workerA!.idle();
    await stopping;
    const halfway = await a.request('GET', `/v1/customers/imports/${posted.json.id}`, {
      key: tenant.ownerKey,
    });
    assert.equal(halfway.json.status, 'running');
    assert.ok(halfway.json.rows_done > 0 && halfway.json.rows_done < 200, halfway.text);
    await a.close();

    // Instance B starts and picks the job up where A's last commit left it.
    const b = await ctx.anotherInstance();
    b.services.workers.startAll();
    const job = await waitForImport(b.request, tenant.ownerKey, posted.json.id);
    await b.close();
    control.paused = false;

    assert.equal(job.status, 'completed');
    const bad = Math.floor(200 / 7);
    assert.deepEqual([job.rows_done, job.rows_created, job.rows_failed], [200, 200 - bad, bad]);
    assert.equal(await countCustomers(tenant.id), 200 - bad);
    const lines = job.failures.data.map((f: { line: number }) => f.line);
    assert.equal(new Set(lines).size, bad, 'each bad row reported once');
    assert.ok(
      job.failures.data.every(
        (f: { errors: { message: string }[] }) => !/taken/.test(f.errors[0]!.message),
      ),
      'no row was tried twice',
    );
  });

  it('lets only the lease holder commit; another instance takes the job once the lease runs out', async () => {
    const tenant = await ctx.createTenant({ name: 'Lease Shop' });
    control.paused = true;
    const posted = await postImport(
      ctx.request,
      tenant.ownerKey,
      customersCsv(3, { prefix: 'lease' }),
    );
    control.paused = false;
    const db = ctx.services.db;
    const now = ctx.clock.now();
    const claimedByA = await claimImportJob(db, 'instance-a', now, 30_000);
    assert.equal(claimedByA?.id, posted.json.id);
    assert.equal(await claimImportJob(db, 'instance-b', now, 30_000), null, 'held by A');

    ctx.clock.advance(31_000);
    const claimedByB = await claimImportJob(db, 'instance-b', ctx.clock.now(), 30_000);
    assert.equal(claimedByB?.id, posted.json.id, 'A’s lease ran out');
    const ref = { tenantId: tenant.id, id: posted.json.id };
    assert.equal(
      await db.transaction((tx) => renewLease(tx, ref, 'instance-a', ctx.clock.now(), 30_000)),
      null,
      'A can no longer commit a chunk',
    );
    ctx.clock.advance(31_000);
    control.worker.wake();
    const job = await waitForImport(ctx.request, tenant.ownerKey, posted.json.id);
    assert.equal(job.rows_created, 3);
  });

  it('keeps the other rows when an email is taken between the check and the insert', async () => {
    const tenant = await ctx.createTenant({ name: 'Race Shop' });
    await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Quick', email: 'late@example.com' },
    });
    // A worker whose email check sees the tenant as it was before "late@example.com" existed.
    const db = ctx.services.db;
    const staleCheck: Database = {
      ...db,
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            ...tx,
            query: (sql, params) =>
              sql.includes('email_normalized = ANY')
                ? Promise.resolve({ rows: [], rowCount: 0 })
                : tx.query(sql, params),
          }),
        ),
    };
    control.paused = true;
    const posted = await postImport(
      ctx.request,
      tenant.ownerKey,
      'first_name,email\nEarly,early@example.com\nLate,late@example.com\nAfter,after@example.com\n',
    );
    control.paused = false;
    const racing = new ImportWorker({ ...ctx.services, db: staleCheck });
    racing.wake();
    await racing.idle();
    await racing.stop();

    const job = await waitForImport(ctx.request, tenant.ownerKey, posted.json.id);
    assert.equal(job.rows_created, 2);
    assert.deepEqual(job.failures.data, [
      {
        line: 3,
        errors: [{ field: 'email', message: 'was taken by another customer while the import ran' }],
      },
    ]);
    assert.equal(await countCustomers(tenant.id), 3);
  });
});
