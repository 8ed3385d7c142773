import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { pageSchema, toPage } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { billingCursor, listBillingRecords } from '../billing/records.js';
import { addInvoicePayment, voidInvoice } from './payments.js';
import {
  CreateInvoiceBody,
  Invoice,
  InvoiceListQuery,
  InvoicePaymentBody,
  UpdateInvoiceBody,
} from './schemas.js';
import {
  createInvoice,
  INVOICES,
  type InvoiceRow,
  patchInvoice,
  readInvoice,
  toInvoice,
} from './store.js';

const INVOICE_ID = 'inv_01jd8x3k2m0000000000000000';

const listInvoices = defineRoute({
  method: 'get',
  path: '/v1/invoices',
  operationId: 'listInvoices',
  tags: ['Invoices'],
  summary: 'List invoices: a customer’s tab, the ones with a balance due',
  description:
    'Newest first, with lines and payments. `customer_id` is the customer’s Invoices tab; `status=partially_paid` (or `sent`) finds what is still owed. A branch-limited credential sees the invoices of the customers it can see.',
  permission: 'view_sales',
  request: { query: InvoiceListQuery },
  responses: { 200: jsonResponse(pageSchema(Invoice, 'InvoicePage'), 'A page of invoices.') },
});

const createInvoiceRoute = defineRoute({
  method: 'post',
  path: '/v1/invoices',
  operationId: 'createInvoice',
  tags: ['Invoices'],
  summary: 'Write an invoice',
  description:
    'Numbered from the tenant’s counter (`IN-1001`, …). The server works out each line’s total (quantity × unit price) and the invoice’s `total`; every price is in the tenant’s currency. `repair_id`, `bespoke_job_id` and `quote_id` name what it bills and must be the same customer’s (422 otherwise). The customer must be one the credential can see (422 on `customer_id`), not archived or merged (409 `customer_archived`) nor erased (409 `customer_erased`).',
  permission: 'create_invoice',
  request: { body: jsonBody(CreateInvoiceBody) },
  responses: { 201: jsonResponse(Invoice, 'The new invoice.') },
  errors: ['customer_archived', 'customer_erased'],
});

const getInvoice = defineRoute({
  method: 'get',
  path: '/v1/invoices/{id}',
  operationId: 'getInvoice',
  tags: ['Invoices'],
  summary: 'Retrieve an invoice',
  description:
    'With its lines, payments, `amount_paid` and `balance_due`. The ETag is the version.',
  permission: 'view_sales',
  id: INVOICE_ID,
  responses: { 200: jsonResponse(Invoice, 'The invoice.') },
  errors: ['not_found'],
});

const updateInvoice = defineRoute({
  method: 'patch',
  path: '/v1/invoices/{id}',
  operationId: 'updateInvoice',
  tags: ['Invoices'],
  summary: 'Update an invoice, or send it',
  description:
    'Partial. `status` moves between `draft` and `sent`; any other move answers 409 `status_transition_not_allowed` with `allowed_statuses`. `lines` change only before any payment, and a void invoice changes nothing (409 `record_not_editable`). With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`. Every changed field is audited.',
  permission: 'edit_invoice',
  id: INVOICE_ID,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateInvoiceBody) },
  responses: { 200: jsonResponse(Invoice, 'The updated invoice.') },
  errors: ['not_found', 'status_transition_not_allowed', 'record_not_editable', 'version_conflict'],
});

const addPayment = defineRoute({
  method: 'post',
  path: '/v1/invoices/{id}/payments',
  operationId: 'addInvoicePayment',
  tags: ['Invoices'],
  summary: 'Take a payment on an invoice',
  description:
    'More than zero and at most the balance due: a larger amount answers 422 on `amount.amount` with `balance_due` and `amount`. The invoice becomes `partially_paid`, then `paid` (with `paid_at`) when nothing is due; a paid or void invoice answers 409 `invoice_not_payable`. A `store_credit` payment debits the customer’s ledger in the same transaction: when the balance can’t cover it the payment is refused whole with 409 `insufficient_store_credit` and nothing is written. Two tills paying at once run one after the other.',
  permission: 'take_payment',
  id: INVOICE_ID,
  request: { body: jsonBody(InvoicePaymentBody) },
  responses: { 201: jsonResponse(Invoice, 'The invoice with the payment.') },
  errors: ['not_found', 'invoice_not_payable', 'insufficient_store_credit', 'customer_archived'],
});

const voidRoute = defineRoute({
  method: 'post',
  path: '/v1/invoices/{id}/void',
  operationId: 'voidInvoice',
  tags: ['Invoices'],
  summary: 'Void an invoice',
  description:
    'From any status but `void`. What was paid is refunded to each method it came in by (store credit back to the customer’s ledger, in the same transaction) and recorded as negative payments; a void invoice takes no payments and counts for nothing in lifetime spend. An invoice paid through a sale answers 409 `status_transition_not_allowed` (return the sale instead), as does one already void.',
  permission: 'void_invoice',
  id: INVOICE_ID,
  responses: { 200: jsonResponse(Invoice, 'The void invoice.') },
  errors: ['not_found', 'status_transition_not_allowed', 'customer_archived'],
});

/** `GET/POST /v1/invoices`, `GET/PATCH /v1/invoices/{id}`, its payments and voiding. */
export function invoiceRoutes() {
  return createRouter()
    .openapi(listInvoices, async (c) => {
      const { limit, cursor, customer_id, status } = c.req.valid('query');
      const rows = await listBillingRecords<InvoiceRow>(
        c.get('services').db,
        INVOICES,
        c.get('principal'),
        { limit, cursor },
        (p) => [
          ...(customer_id ? [`r.customer_id = ${p(customer_id)}`] : []),
          ...(status ? [`r.status = ${p(status)}`] : []),
        ],
      );
      return c.json(toPage(rows, limit, toInvoice, billingCursor), 200);
    })
    .openapi(createInvoiceRoute, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const invoice = await db.transaction((tx) =>
        createInvoice(tx, { principal, ids, now: clock.now() }, body),
      );
      // Erasing the customer retires this response's idempotent replay.
      c.set('subjectCustomerId', body.customer_id);
      c.header('ETag', versionEtag(invoice.version));
      c.header('Location', `/v1/invoices/${invoice.id}`);
      return c.json(invoice, 201);
    })
    .openapi(getInvoice, async (c) => {
      const invoice = await readInvoice(
        c.get('services').db,
        c.get('principal'),
        c.req.valid('param').id,
      );
      c.header('ETag', versionEtag(invoice.version));
      return c.json(invoice, 200);
    })
    .openapi(updateInvoice, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const invoice = await db.transaction((tx) =>
        patchInvoice(
          tx,
          { principal, ids, now: clock.now() },
          id,
          c.req.valid('json'),
          expectedVersion,
        ),
      );
      c.header('ETag', versionEtag(invoice.version));
      return c.json(invoice, 200);
    })
    .openapi(addPayment, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, ids, clock } = c.get('services');
      const invoice = await db.transaction(async (tx) => {
        await addInvoicePayment(tx, { principal, ids, now: clock.now() }, id, c.req.valid('json'));
        return readInvoice(tx, principal, id);
      });
      c.set('subjectCustomerId', invoice.customer_id);
      c.header('ETag', versionEtag(invoice.version));
      return c.json(invoice, 201);
    })
    .openapi(voidRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, ids, clock } = c.get('services');
      const invoice = await db.transaction(async (tx) => {
        await voidInvoice(tx, { principal, ids, now: clock.now() }, id);
        return readInvoice(tx, principal, id);
      });
      c.header('ETag', versionEtag(invoice.version));
      return c.json(invoice, 200);
    });
}
