/**
 * A large import on the embedded engine must not hold up other requests: over real HTTP,
 * `/health` and another tenant's customer are answered while the import is still running,
 * within a few of its chunks. Ordering and chunk counts, not wall time.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ServerType, serve } from '@hono/node-server';
import { ImportWorker } from '../src/resources/customers/csv/import-worker.js';
import { createTestContext, type TestContext } from './harness.js';
import { customersCsv } from './imports.js';

let ctx: TestContext;
let server: ServerType;
let base = '';
let chunks = 0;
let finished = false;
let firstChunk: () => void = () => {};
const started = new Promise<void>((resolve) => {
  firstChunk = resolve;
});

before(async () => {
  ctx = await createTestContext({
    beforeApp: (services) => {
      services.workers.add(
        new ImportWorker(services, {
          onChunk: ({ rows_done, rows_total }) => {
            chunks += 1;
            if (chunks === 1) firstChunk();
            if (rows_done === rows_total) finished = true;
          },
        }),
      );
    },
  });
  server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

describe('a large import on the embedded engine', () => {
  it("lets /health and another tenant's reads through while it runs", async () => {
    const importer = await ctx.createTenant({ name: 'Big Import' });
    const other = await ctx.createTenant({ name: 'Other Shop' });
    const customer = await ctx.request('POST', '/v1/customers', {
      key: other.ownerKey,
      body: { first_name: 'Unhurried', email: 'unhurried@example.com' },
    });
    assert.equal(customer.status, 201, customer.text);

    const posted = await fetch(`${base}/v1/customers/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${importer.ownerKey}`, 'Content-Type': 'text/csv' },
      body: customersCsv(3000, { prefix: 'big' }),
    });
    assert.equal(posted.status, 202, await posted.clone().text());
    const { id } = (await posted.json()) as { id: string };
    await started;

    // Sent while the import runs; each answer notes how far the import had got.
    const timed = async (path: string, key?: string) => {
      const sentAt = chunks;
      const res = await fetch(`${base}${path}`, {
        headers: key ? { Authorization: `Bearer ${key}` } : {},
      });
      const body = await res.text();
      return { status: res.status, body, chunksWaited: chunks - sentAt, importFinished: finished };
    };
    const [health, read] = await Promise.all([
      timed('/health'),
      timed(`/v1/customers/${customer.json.id}`, other.ownerKey),
    ]);

    assert.equal(health.status, 200, health.body);
    assert.equal(read.status, 200, read.body);
    assert.match(read.body, /Unhurried/);
    for (const answer of [health, read]) {
      assert.equal(answer.importFinished, false, 'answered before the import finished');
      assert.ok(answer.chunksWaited <= 3, `waited behind ${answer.chunksWaited} chunks`);
    }

    const cancelled = await ctx.request('POST', `/v1/customers/imports/${id}/cancel`, {
      key: importer.ownerKey,
    });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.ok(cancelled.json.rows_done < 3000, 'still running when the reads came back');
  });
});
