import { notFound } from '../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { Note, UpdateNoteBody } from './schemas.js';
import { deleteNote, readNote, updateNote } from './store.js';

const NOTE_ID_EXAMPLE = 'note_01jd8x3k2m0000000000000000';

const getNote = defineRoute({
  method: 'get',
  path: '/v1/notes/{id}',
  operationId: 'getNote',
  tags: ['Notes'],
  summary: 'Retrieve a note',
  description:
    'With every revision of its text. A deleted note is not found. The ETag is the version.',
  permission: 'view_customers',
  id: NOTE_ID_EXAMPLE,
  responses: { 200: jsonResponse(Note, 'The note.') },
  errors: ['not_found'],
});

const updateNoteRoute = defineRoute({
  method: 'patch',
  path: '/v1/notes/{id}',
  operationId: 'updateNote',
  tags: ['Notes'],
  summary: 'Edit a note or pin it',
  description:
    'The previous text stays as a revision. Only the author (the same secret key, or a staff session with the same `staff_name`) or a manager or owner may edit: anyone else gets 403 `not_note_author`. With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`.',
  permission: 'edit_customer',
  id: NOTE_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateNoteBody) },
  responses: { 200: jsonResponse(Note, 'The edited note.') },
  errors: ['not_found', 'not_note_author', 'version_conflict'],
});

const deleteNoteRoute = defineRoute({
  method: 'delete',
  path: '/v1/notes/{id}',
  operationId: 'deleteNote',
  tags: ['Notes'],
  summary: 'Delete a note',
  description:
    'The note leaves the timeline; its revisions are kept and the deletion is audited (`note.deleted`, with the text it had). The author or a manager or owner may delete (403 `not_note_author` otherwise). With `If-Match`, a stale version answers 412.',
  permission: 'edit_customer',
  id: NOTE_ID_EXAMPLE,
  request: { headers: IfMatchHeader },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['not_found', 'not_note_author', 'version_conflict'],
});

/** `GET/PATCH/DELETE /v1/notes/{id}`. */
export function noteRoutes() {
  return createRouter()
    .openapi(getNote, async (c) => {
      const { db } = c.get('services');
      const note = await readNote(db, c.get('principal'), c.req.valid('param').id);
      if (!note) throw notFound('Note');
      c.header('ETag', versionEtag(note.version));
      return c.json(note, 200);
    })
    .openapi(updateNoteRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const expected = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const note = await db.transaction((tx) =>
        updateNote(tx, ids, principal, id, patch, expected, clock.now()),
      );
      c.header('ETag', versionEtag(note.version));
      return c.json(note, 200);
    })
    .openapi(deleteNoteRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const expected = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      await db.transaction((tx) => deleteNote(tx, ids, principal, id, expected, clock.now()));
      return c.body(null, 204);
    });
}
