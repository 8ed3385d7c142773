import { PERMISSIONS } from '../../core/auth/permissions.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { readTenant, type TenantSettings } from '../../core/auth/tenant-settings.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { advanceRecordNumber } from '../../core/record-numbers.js';
import { BESPOKE_KIND } from '../../resources/bespoke-jobs/kind.js';
import { REPAIR_KIND } from '../../resources/repairs/kind.js';
import { createRecord, patchRecord } from '../../resources/workshop/store.js';
import {
  type DemoWorkshopRecord,
  generateWorkshop,
  SHOWCASE_RESIZE_NUMBER,
} from './workshop-data.js';

const DAY_MS = 86_400_000;

/** Where the demo customers are, for their workshop records. */
export interface DemoWorkshopCustomers {
  showcase: { id: string; branchId: string | null };
  generated: readonly { id: string; branchId: string | null }[];
}

/**
 * Replays the demo shop's repairs and bespoke jobs through the same create and PATCH code as
 * the API (numbers from the counter, stage history, audit rows), each step at its own past
 * time and by the staff member who made it. The repair counter starts where the showcase
 * customer's resize comes out as `RP-2291`, the number her goodwill credit names.
 */
export async function seedDemoWorkshop(
  tx: Queryable,
  ids: IdGenerator,
  tenantId: string,
  now: Date,
  customers: DemoWorkshopCustomers,
): Promise<void> {
  const tenant = await readTenant(tx, tenantId);
  if (!tenant) throw new Error('demo workshop: the tenant is missing');
  const records = generateWorkshop(customers.generated.length);
  const repairsBefore = records.findIndex((r) => r.customer === 'showcase' && r.kind === 'repair');
  const firstRepair =
    SHOWCASE_RESIZE_NUMBER -
    records.slice(0, repairsBefore).filter((r) => r.kind === 'repair').length;
  await advanceRecordNumber(tx, tenantId, 'repair', firstRepair);
  await advanceRecordNumber(tx, tenantId, 'bespoke_job', 1040);

  const principalAs = (name: string) => demoStaff(tenant, name);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);

  for (const record of records) {
    const customer =
      record.customer === 'showcase' ? customers.showcase : customers.generated[record.customer];
    if (!customer) continue;
    const kind = record.kind === 'repair' ? REPAIR_KIND : BESPOKE_KIND;
    const created = await createRecord(
      tx,
      kind,
      { principal: principalAs(record.by), ids, now: at(record.created_days_ago) },
      {
        ...withMoney(record, tenant.currency),
        customer_id: customer.id,
        branch_id: customer.branchId,
        due_at:
          record.due_in_days === null
            ? null
            : new Date(now.getTime() + record.due_in_days * DAY_MS).toISOString(),
      },
    );
    for (const move of record.moves) {
      await patchRecord(
        tx,
        kind,
        { principal: principalAs(move.by), ids, now: at(move.days_ago) },
        created.id,
        { stage: move.stage, ...(move.note ? { stage_note: move.note } : {}) },
        null,
      );
    }
  }
}

/** A staff session of the demo shop, as the seeds act: every permission, the name given. */
export function demoStaff(tenant: TenantSettings, name: string): TenantPrincipal {
  return {
    kind: 'session',
    tenant,
    role: 'owner',
    permissions: new Set(PERMISSIONS),
    branchId: null,
    customerId: null,
    keyId: null,
    mintedBy: null,
    actor: { kind: 'session', id: null, name },
    scope: 'demo-seed',
  };
}

/** The body with its prices as `Money` in the tenant's currency. */
function withMoney(record: DemoWorkshopRecord, currency: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...record.body };
  for (const field of ['quoted_price', 'deposit']) {
    const amount = body[field];
    if (typeof amount === 'number') body[field] = { amount, currency };
  }
  return body;
}
