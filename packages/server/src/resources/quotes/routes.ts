import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { pageSchema, toPage } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { billingCursor, listBillingRecords } from '../billing/records.js';
import { acceptQuote } from './accept.js';
import {
  AcceptQuoteBody,
  CreateQuoteBody,
  Quote,
  QuoteAcceptance,
  QuoteListQuery,
  UpdateQuoteBody,
} from './schemas.js';
import {
  createQuote,
  patchQuote,
  QUOTES,
  type QuoteRow,
  quoteStatusFilter,
  readQuote,
  toQuote,
} from './store.js';

const QUOTE_ID = 'quo_01jd8x3k2m0000000000000000';

const listQuotes = defineRoute({
  method: 'get',
  path: '/v1/quotes',
  operationId: 'listQuotes',
  tags: ['Quotes'],
  summary: 'List quotes: a customer’s tab, the open ones, the expired ones',
  description:
    'Newest first, with lines. `customer_id` is the customer’s Quotes tab; `status=sent` lists quotes still open, `status=expired` sent ones past their `expires_at`. A branch-limited credential sees the quotes of the customers it can see.',
  permission: 'view_sales',
  request: { query: QuoteListQuery },
  responses: { 200: jsonResponse(pageSchema(Quote, 'QuotePage'), 'A page of quotes.') },
});

const createQuoteRoute = defineRoute({
  method: 'post',
  path: '/v1/quotes',
  operationId: 'createQuote',
  tags: ['Quotes'],
  summary: 'Write a quote',
  description:
    'Numbered from the tenant’s counter (`QU-1001`, …). The server works out each line’s total (quantity × unit price) and the quote’s `total`; every price is in the tenant’s currency. `expires_at` must be in the future (30 days when left out). The customer must be one the credential can see (422 on `customer_id`), not archived or merged (409 `customer_archived`) nor erased (409 `customer_erased`).',
  permission: 'create_quote',
  request: { body: jsonBody(CreateQuoteBody) },
  responses: { 201: jsonResponse(Quote, 'The new quote.') },
  errors: ['customer_archived', 'customer_erased'],
});

const getQuote = defineRoute({
  method: 'get',
  path: '/v1/quotes/{id}',
  operationId: 'getQuote',
  tags: ['Quotes'],
  summary: 'Retrieve a quote',
  description:
    'With its lines; `status` reads `expired` for a sent quote past its date. The ETag is the version.',
  permission: 'view_sales',
  id: QUOTE_ID,
  responses: { 200: jsonResponse(Quote, 'The quote.') },
  errors: ['not_found'],
});

const updateQuote = defineRoute({
  method: 'patch',
  path: '/v1/quotes/{id}',
  operationId: 'updateQuote',
  tags: ['Quotes'],
  summary: 'Update a quote, send it or decline it',
  description:
    'Partial. A `status` the current one doesn’t lead to answers 409 `status_transition_not_allowed` with `status` and `allowed_statuses`. A draft changes anything; a sent or expired quote only `expires_at`, `note` and `status` (send `status: draft` to revise it); an accepted or declined one nothing (409 `record_not_editable`). A later `expires_at` makes an expired quote read `sent` again. With `If-Match`, a stale version answers 412 `version_conflict`. Every changed field is audited.',
  permission: 'edit_quote',
  id: QUOTE_ID,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateQuoteBody) },
  responses: { 200: jsonResponse(Quote, 'The updated quote.') },
  errors: ['not_found', 'status_transition_not_allowed', 'record_not_editable', 'version_conflict'],
});

const acceptRoute = defineRoute({
  method: 'post',
  path: '/v1/quotes/{id}/accept',
  operationId: 'acceptQuote',
  tags: ['Quotes'],
  summary: 'Accept a quote, making an invoice or a bespoke job',
  description:
    'In one transaction: the quote becomes `accepted` and an invoice (`into: invoice`, the default: `draft`, the quote’s lines) or a bespoke job (`into: bespoke_job`: in `design`, its `quoted_price` the quote’s total) is made for the same customer, naming the quote in `quote_id`; the quote names it in `invoice_id` or `bespoke_job_id`. Only a draft or sent quote can be accepted (409 `status_transition_not_allowed` otherwise, e.g. for an expired one). Making the invoice also needs `create_invoice`, the job `create_bespoke_job`.',
  permission: 'edit_quote',
  id: QUOTE_ID,
  // The body may be left out: `{}` accepts into an invoice.
  request: { body: { ...jsonBody(AcceptQuoteBody), required: false } },
  responses: { 201: jsonResponse(QuoteAcceptance, 'The accepted quote and what it made.') },
  errors: ['not_found', 'status_transition_not_allowed', 'customer_archived', 'customer_erased'],
});

/** `GET/POST /v1/quotes`, `GET/PATCH /v1/quotes/{id}`, `POST /v1/quotes/{id}/accept`. */
export function quoteRoutes() {
  return createRouter()
    .openapi(listQuotes, async (c) => {
      const { limit, cursor, customer_id, status } = c.req.valid('query');
      const now = c.get('services').clock.now();
      const rows = await listBillingRecords<QuoteRow>(
        c.get('services').db,
        QUOTES,
        c.get('principal'),
        { limit, cursor },
        (p) => [
          ...(customer_id ? [`r.customer_id = ${p(customer_id)}`] : []),
          ...(status ? quoteStatusFilter(status, p, now) : []),
        ],
      );
      return c.json(
        toPage(rows, limit, (row) => toQuote(row, now), billingCursor),
        200,
      );
    })
    .openapi(createQuoteRoute, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const quote = await db.transaction((tx) =>
        createQuote(tx, { principal, ids, now: clock.now() }, body),
      );
      c.set('subjectCustomerId', body.customer_id);
      c.header('ETag', versionEtag(quote.version));
      c.header('Location', `/v1/quotes/${quote.id}`);
      return c.json(quote, 201);
    })
    .openapi(getQuote, async (c) => {
      const { db, clock } = c.get('services');
      const quote = await readQuote(
        db,
        { principal: c.get('principal'), now: clock.now() },
        c.req.valid('param').id,
      );
      c.header('ETag', versionEtag(quote.version));
      return c.json(quote, 200);
    })
    .openapi(updateQuote, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const quote = await db.transaction((tx) =>
        patchQuote(
          tx,
          { principal, ids, now: clock.now() },
          id,
          c.req.valid('json'),
          expectedVersion,
        ),
      );
      c.header('ETag', versionEtag(quote.version));
      return c.json(quote, 200);
    })
    .openapi(acceptRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, ids, clock } = c.get('services');
      const result = await db.transaction((tx) =>
        acceptQuote(tx, { principal, ids, now: clock.now() }, id, c.req.valid('json')),
      );
      c.set('subjectCustomerId', result.quote.customer_id);
      const made = result.invoice
        ? `/v1/invoices/${result.invoice.id}`
        : `/v1/bespoke-jobs/${result.bespoke_job?.id}`;
      c.header('Location', made);
      return c.json(result as never, 201);
    });
}
