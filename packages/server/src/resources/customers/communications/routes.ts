import { notFound } from '../../../core/errors.js';
import { PageQuery, pageSchema } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import { OUTBOX_WORKER } from '../../communications/outbox-worker.js';
import { textToHtml } from '../../communications/render.js';
import { Communication, SendEmailBody } from '../../communications/schemas.js';
import {
  listCommunications,
  queueEmail,
  recipientFor,
  toWire,
} from '../../communications/store.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const listCustomerCommunications = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/communications',
  operationId: 'listCustomerCommunications',
  tags: ['Communications'],
  summary: 'Every message sent to a customer',
  description:
    'Newest first, each with its full text and HTML as sent, its status and every status it passed (`events`). Append-only: no route edits or deletes a message.',
  permission: 'view_customers',
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(Communication, 'CommunicationPage'), 'A page of the log.'),
  },
  errors: ['not_found'],
});

const sendEmail = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/emails',
  operationId: 'sendCustomerEmail',
  tags: ['Communications'],
  summary: 'Email a customer',
  description:
    'Queues a 1:1 email (status `queued`) in this request’s transaction and answers 202; the outbox worker delivers it and the row becomes `sent` once the mail server accepted it, or `failed` with the reason after retries. The body is plain text, sent as text and as escaped HTML. Refused, with nothing queued: no address (409 `customer_has_no_email`), email consent withdrawn (409 `email_consent_withdrawn`), a preference for another channel or for no contact (409 `communication_preference_not_email`), an archived or merged customer (409 `customer_archived`), an erased one (409 `customer_erased`).',
  permission: 'send_email',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(SendEmailBody) },
  responses: { 202: jsonResponse(Communication, 'The queued message.') },
  errors: [
    'not_found',
    'customer_has_no_email',
    'email_consent_withdrawn',
    'communication_preference_not_email',
    'customer_archived',
    'customer_erased',
  ],
});

/** `GET /v1/customers/{id}/communications`, `POST /v1/customers/{id}/emails`. */
export function customerCommunicationRoutes() {
  return createRouter()
    .openapi(listCustomerCommunications, async (c) => {
      const { db } = c.get('services');
      const page = await listCommunications(
        db,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      if (!page) throw notFound('Customer');
      return c.json(page, 200);
    })
    .openapi(sendEmail, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const services = c.get('services');
      const { db, ids, clock } = services;
      const row = await db.transaction(async (tx) => {
        const recipient = await recipientFor(tx, { principal }, id);
        return queueEmail(tx, ids, {
          tenantId: principal.tenant.id,
          customerId: id,
          kind: 'one_to_one',
          to: recipient.email,
          subject: input.subject,
          text: input.body,
          html: textToHtml(input.body),
          actor: principal.actor,
          at: clock.now(),
        });
      });
      services.workers.wake(OUTBOX_WORKER);
      c.set('subjectCustomerId', id);
      return c.json(toWire(row), 202);
    });
}
