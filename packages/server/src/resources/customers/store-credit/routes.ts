import { invalidField, notFound } from '../../../core/errors.js';
import { decodeCursor, PageQuery, toPage } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import { survivingCustomerId } from '../merged.js';
import { customerVisibleTo } from '../visibility.js';
import {
  type LedgerRow,
  listLedgerRows,
  postStoreCredit,
  readStoreCreditBalance,
} from './ledger.js';
import {
  StoreCreditAdjustment,
  StoreCreditAdjustmentInput,
  StoreCreditLedger,
  toStoreCreditTransaction,
} from './schemas.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const getStoreCredit = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/store-credit',
  operationId: 'getStoreCredit',
  tags: ['Store credit'],
  summary: "A customer's store-credit balance and ledger",
  description:
    'The balance comes from the ledger (the newest row’s `balance_after`); transactions are newest first. A merged customer’s id answers the survivor’s ledger (`customer_id` says whose). A customer session sees each row without the staff `note` and without who posted it (`actor.id` and `actor.name` are null).',
  permission: 'view_customers',
  customerSession: true,
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(StoreCreditLedger, 'The balance and one page of transactions.'),
  },
  errors: ['not_found'],
});

const adjustStoreCredit = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/store-credit/adjustments',
  operationId: 'adjustStoreCredit',
  tags: ['Store credit'],
  summary: 'Credit or debit store credit',
  description:
    'Posts one ledger row. A positive amount credits, a negative one debits; a debit past the balance is refused with 409 `insufficient_store_credit` (carrying `balance`) and writes nothing, also under concurrent requests. A credit may carry `expires_at`. A merged customer answers 409 `customer_merged` with `merged_into`. Send an `Idempotency-Key` so a retry applies once.',
  permission: 'adjust_store_credit',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(StoreCreditAdjustmentInput) },
  responses: {
    201: jsonResponse(StoreCreditAdjustment, 'The row posted and the new balance.'),
  },
  errors: ['not_found', 'insufficient_store_credit', 'customer_archived', 'customer_merged'],
});

/** `GET /v1/customers/{id}/store-credit` and `POST …/store-credit/adjustments`. */
export function storeCreditRoutes() {
  return createRouter()
    .openapi(getStoreCredit, async (c) => {
      const principal = c.get('principal');
      const { db } = c.get('services');
      const { limit, cursor } = c.req.valid('query');
      const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
      if (!id) throw notFound('Customer');

      const beforeSeq = cursor ? decodeCursor(cursor, ['number'] as const)[0] : null;
      const rows = await listLedgerRows(db, principal.tenant.id, id, { limit, beforeSeq });
      // The first page's newest row already holds the balance; later pages look it up.
      const balance =
        beforeSeq === null
          ? (rows[0]?.balance_after ?? 0)
          : await readStoreCreditBalance(db, principal.tenant.id, id);
      return c.json(
        {
          customer_id: id,
          balance: { amount: balance, currency: principal.tenant.currency },
          ...toPage(
            rows,
            limit,
            principal.customerId ? toCustomerLedgerRow : toStoreCreditTransaction,
            (r) => [r.seq],
          ),
        },
        200,
      );
    })
    .openapi(adjustStoreCredit, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const currency = principal.tenant.currency;
      if (input.amount.currency !== currency) {
        throw invalidField('amount.currency', `must be ${currency}, the tenant's currency`);
      }
      const now = clock.now();
      const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
      if (expiresAt && input.amount.amount < 0) {
        throw invalidField('expires_at', 'only a credit (a positive amount) can expire');
      }
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw invalidField('expires_at', 'must be in the future');
      }
      if (!(await customerVisibleTo(db, principal, id))) throw notFound('Customer');

      const posted = await db.transaction((tx) =>
        postStoreCredit(tx, ids, {
          tenantId: principal.tenant.id,
          customerId: id,
          amount: input.amount.amount,
          currency,
          reason: input.reason,
          referenceType: input.reference_type ?? null,
          referenceId: input.reference_id ?? null,
          note: input.note ?? null,
          expiresAt,
          actor: principal.actor,
          at: now,
        }),
      );
      return c.json(
        {
          transaction: toStoreCreditTransaction(posted.row),
          balance: { amount: posted.balance, currency },
        },
        201,
      );
    });
}

/** A ledger row as the customer sees it: the staff note and who posted it stay internal. */
function toCustomerLedgerRow(row: LedgerRow) {
  const wire = toStoreCreditTransaction(row);
  return { ...wire, note: null, actor: { kind: wire.actor.kind, id: null, name: null } };
}
