/**
 * What sales, returns and laybys share: who the customer is, where the sale happens, and
 * turning tenders into payment rows (a store-credit tender posts to the ledger, through the
 * one ledger path).
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError, type FieldError, invalidField } from '../../core/errors.js';
import type { IdGenerator } from '../../core/ids.js';
import { branchExists } from '../branches/store.js';
import { postStoreCredit } from '../customers/store-credit/ledger.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import type { NewPayment } from './store.js';

/** Refuses with every field error at once, as a `validation_failed` problem. */
export function refuse(errors: FieldError[]): void {
  if (errors.length > 0) {
    throw new ApiError('validation_failed', errors[0]!.message, { errors });
  }
}

/**
 * The customer a sale names: visible to the credential, not erased and not merged away.
 * `path` is the field that named it.
 */
export async function checkSaleCustomer(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  path: string,
): Promise<void> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  const { rows } = await db.query<{ erased_at: Date | null; merged_into: string | null }>(
    `SELECT c.erased_at, c.merged_into FROM customers c WHERE c.id = $1 AND ${where}`,
    params,
  );
  const customer = rows[0];
  if (!customer) throw invalidField(path, 'is not a customer of this tenant you may see');
  if (customer.erased_at) {
    throw new ApiError(
      'customer_erased',
      'This customer’s data was erased; sell to them as a guest.',
    );
  }
  if (customer.merged_into) {
    throw new ApiError(
      'customer_archived',
      `This customer was merged into ${customer.merged_into}; ring the sale up there.`,
    );
  }
}

/**
 * Where a sale happens: a branch-limited credential sells at its own branch (403 for another),
 * others at the branch named or none; a named branch must exist.
 */
export async function saleBranch(
  db: Queryable,
  principal: TenantPrincipal,
  requested: string | null | undefined,
  fallback: string | null = null,
): Promise<string | null> {
  if (principal.branchId) {
    if (requested && requested !== principal.branchId) {
      throw new ApiError(
        'permission_denied',
        'A branch-limited credential sells at its own branch.',
      );
    }
    return principal.branchId;
  }
  const branch = requested ?? fallback;
  if (branch && !(await branchExists(db, principal.tenant.id, branch))) {
    throw invalidField('branch_id', 'is not a branch of this tenant');
  }
  return branch;
}

/** When it happened at the till: now by default, never more than 5 minutes ahead of the server. */
export function tillTime(sent: string | undefined, now: Date, path = 'occurred_at'): Date {
  if (!sent) return now;
  const at = new Date(sent);
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw invalidField(path, 'must not be in the future');
  }
  return at;
}

/** A tender or refund to record; a signed amount (negative refunds). */
export interface Tender {
  method: string;
  amount: number;
  reference: string | null;
}

/**
 * Records tenders as payment rows. Store credit moves through the ledger in the caller's
 * transaction: a tender debits it (409 `insufficient_store_credit` when the balance can't cover
 * it, rolling back the whole sale), a refund credits it.
 */
export async function postTenders(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  context: {
    customerId: string | null;
    /** The record the tenders pay (a ledger row's reference). */
    saleId: string;
    /** What kind of record that is: a sale unless said otherwise (an invoice's payments). */
    referenceType?: 'sale' | 'invoice';
    reason: string;
    staffName: string | null;
    at: Date;
  },
  tenders: Tender[],
): Promise<NewPayment[]> {
  const payments: NewPayment[] = [];
  for (const tender of tenders) {
    if (tender.amount === 0) continue;
    let transactionId: string | null = null;
    if (tender.method === 'store_credit') {
      if (!context.customerId) throw invalidField('payments', 'store credit needs a customer');
      const posted = await postStoreCredit(tx, ids, {
        tenantId: principal.tenant.id,
        customerId: context.customerId,
        amount: -tender.amount,
        currency: principal.tenant.currency,
        reason: context.reason,
        referenceType: context.referenceType ?? 'sale',
        referenceId: context.saleId,
        actor: principal.actor,
        at: context.at,
      });
      transactionId = posted.row.id;
    }
    payments.push({
      method: tender.method,
      amount: tender.amount,
      reference: tender.reference,
      storeCreditTransactionId: transactionId,
      staffName: context.staffName,
      paidAt: context.at,
    });
  }
  return payments;
}
