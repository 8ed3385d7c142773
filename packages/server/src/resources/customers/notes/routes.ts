import { notFound } from '../../../core/errors.js';
import { PageQuery, pageSchema } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import { CreateNoteBody, Note } from '../../notes/schemas.js';
import { createNote, listNotes } from '../../notes/store.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const listCustomerNotes = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/notes',
  operationId: 'listCustomerNotes',
  tags: ['Notes'],
  summary: 'A customer’s notes timeline',
  description:
    'Pinned notes first, then newest first; deleted notes are left out. Each note carries its author and every revision of its text.',
  permission: 'view_customers',
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: { 200: jsonResponse(pageSchema(Note, 'NotePage'), 'A page of the timeline.') },
  errors: ['not_found'],
});

const createCustomerNote = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/notes',
  operationId: 'createCustomerNote',
  tags: ['Notes'],
  summary: 'Write a note on a customer',
  description:
    'The author is the credential: a staff session’s `staff_name`, or the secret key’s name. `pinned: true` puts it at the top of the timeline. An erased customer answers 409 `customer_erased`.',
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(CreateNoteBody) },
  responses: { 201: jsonResponse(Note, 'The new note.') },
  errors: ['not_found', 'customer_erased'],
});

/** `GET/POST /v1/customers/{id}/notes`. */
export function customerNoteRoutes() {
  return createRouter()
    .openapi(listCustomerNotes, async (c) => {
      const { db } = c.get('services');
      const page = await listNotes(
        db,
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      if (!page) throw notFound('Customer');
      return c.json(page, 200);
    })
    .openapi(createCustomerNote, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const note = await db.transaction((tx) =>
        createNote(tx, ids, principal, id, body, clock.now()),
      );
      // Erasing the customer retires this response's idempotent replay (it holds the text).
      c.set('subjectCustomerId', id);
      c.header('ETag', `"${note.version}"`);
      c.header('Location', `/v1/notes/${note.id}`);
      return c.json(note, 201);
    });
}
