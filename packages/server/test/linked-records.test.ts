import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LINKED_RECORDS } from '../src/resources/customers/linked/registry.js';
import { createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;

before(async () => {
  ctx = await createTestContext();
});
after(() => ctx.close());

/**
 * Every column of the schema that can hold a customer's id: named `customer_id` or
 * `*_customer_id`, any column of a foreign key to `customers`, the merge link, and the audit
 * log's polymorphic `entity_id`.
 */
async function customerColumns(): Promise<string[]> {
  const { rows } = await ctx.services.db.query<{ ref: string }>(
    `SELECT table_name || '.' || column_name AS ref
       FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND (column_name = 'customer_id' OR column_name LIKE '%\\_customer\\_id'
             OR (table_name = 'customers' AND column_name = 'merged_into')
             OR (table_name = 'audit_log' AND column_name = 'entity_id'))
     UNION
     SELECT kcu.table_name || '.' || kcu.column_name
       FROM information_schema.referential_constraints rc
       JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
       JOIN information_schema.table_constraints target
         ON target.constraint_schema = rc.unique_constraint_schema
        AND target.constraint_name = rc.unique_constraint_name
      WHERE rc.constraint_schema = current_schema() AND target.table_name = 'customers'
        AND kcu.column_name <> 'tenant_id'
      ORDER BY 1`,
  );
  return rows.map((r) => r.ref);
}

describe('customer-linked records', () => {
  it('have a merge and an erasure rule for every column that holds a customer id', async () => {
    const ruled = new Set(LINKED_RECORDS.map((rule) => `${rule.table}.${rule.column}`));
    const missing = (await customerColumns()).filter((ref) => !ruled.has(ref));
    assert.deepEqual(
      missing,
      [],
      `These columns hold a customer's id but have no rule in resources/customers/linked/registry.ts (how merge moves the rows, how erasure treats them): ${missing.join(', ')}`,
    );
  });

  it('name only columns that exist, each once', async () => {
    const columns = new Set(await customerColumns());
    const refs = LINKED_RECORDS.map((rule) => `${rule.table}.${rule.column}`);
    assert.deepEqual(
      refs.filter((ref) => !columns.has(ref)),
      [],
      'rules for columns the schema does not have',
    );
    assert.equal(new Set(refs).size, refs.length, 'a column has two rules');
  });

  it('say why when rows stay or are kept as they are', () => {
    for (const rule of LINKED_RECORDS) {
      for (const r of [rule.merge, rule.erase]) {
        if ('why' in r) assert.ok(r.why.length > 10, `${rule.table}: say why`);
      }
    }
  });
});
