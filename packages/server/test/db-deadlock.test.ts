import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Queryable } from '../src/core/db/types.js';
import { createTestContext, type TestContext } from './harness.js';

// A return locks its sale before its customer while a merge locks customers before their
// sales (decision 0038). When two such transactions cross, PostgreSQL aborts one with
// `deadlock_detected`; the database layer runs that one again, so the till sees its return
// go through instead of a 500. PGlite has one connection, so it never deadlocks.

/** A promise with its resolve handle: lets two transactions wait on each other's steps. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('transactions that deadlock', {
  skip: process.env.LOUPE_TEST_ENGINE === 'postgres' ? false : 'PostgreSQL only',
}, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    await ctx.services.db.exec(
      `CREATE TABLE deadlock_probe (id int PRIMARY KEY, n int NOT NULL);
       INSERT INTO deadlock_probe VALUES (1, 0), (2, 0);`,
    );
  });
  after(() => ctx.close());

  it('run again when PostgreSQL picks them as the victim, so both writes land', async () => {
    const { db } = ctx.services;
    const firstLocked = signal();
    const secondLocked = signal();
    const runs = { a: 0, b: 0 };
    const bump = (tx: Queryable, id: number) =>
      tx.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = $1', [id]);

    const a = db.transaction(async (tx) => {
      runs.a++;
      await bump(tx, 1);
      firstLocked.resolve();
      await secondLocked.promise;
      await bump(tx, 2);
    });
    const b = db.transaction(async (tx) => {
      runs.b++;
      await bump(tx, 2);
      secondLocked.resolve();
      await firstLocked.promise;
      await bump(tx, 1);
    });
    await Promise.all([a, b]);

    const { rows } = await db.query<{ id: number; n: number }>(
      'SELECT id, n FROM deadlock_probe ORDER BY id',
    );
    assert.deepEqual(
      rows.map((r) => r.n),
      [2, 2],
      'each transaction bumped each row once',
    );
    assert.equal(runs.a + runs.b, 3, 'exactly one of them ran a second time');
  });

  it('gives up after a few attempts and throws the deadlock error', async () => {
    const { db } = ctx.services;
    let runs = 0;
    await assert.rejects(
      db.transaction(async () => {
        runs++;
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      }),
      /deadlock detected/,
    );
    assert.equal(runs, 3);
  });
});
