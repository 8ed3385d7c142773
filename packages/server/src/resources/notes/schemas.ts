import { z } from '@hono/zod-openapi';

const NoteActor = z
  .object({
    kind: z.enum(['secret', 'session', 'platform', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable().openapi({ example: 'Sophie (Strand Arcade)' }),
  })
  .openapi('NoteActor');

/** One version of a note's text, as written or edited. */
export const NoteRevision = z
  .object({
    revision: z.number().int().min(1).openapi({ description: '1 is the text as first written.' }),
    body: z.string(),
    pinned: z.boolean(),
    actor: NoteActor.openapi({ description: 'Who wrote this version.' }),
    at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('NoteRevision');

/** A note on the wire. */
export const Note = z
  .object({
    id: z.string().openapi({ example: 'note_01jd8x3k2m0000000000000000' }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    body: z.string().openapi({ example: 'Prefers Saturday appointments; sister handles pickups.' }),
    pinned: z.boolean().openapi({
      description:
        'A heads-up every staff member should see first: pinned notes lead the timeline.',
    }),
    author: NoteActor.openapi({
      description:
        'Who wrote it: a staff session’s `staff_name`, or the secret key’s name. The author (the same key, or a session with the same staff name) or a manager may edit or delete it.',
    }),
    edited_at: z.string().nullable().openapi({
      format: 'date-time',
      description: 'When the text or pin last changed; null when never edited.',
    }),
    revisions: z.array(NoteRevision).openapi({
      description: 'Every version, oldest first; the last is the current one.',
    }),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
    version: z.number().int().openapi({ description: 'Send as `If-Match` to edit or delete.' }),
  })
  .openapi('Note');
export type Note = z.infer<typeof Note>;

const NoteBodyText = z.string().trim().min(1, 'must not be empty').max(10_000).openapi({
  example: 'Heads-up: father in palliative care, this is why the bespoke deadline keeps moving.',
});

/** `POST /v1/customers/{id}/notes`. */
export const CreateNoteBody = z
  .object({
    body: NoteBodyText,
    pinned: z.boolean().optional().openapi({ description: 'Default false.' }),
  })
  .strict()
  .openapi('CreateNoteRequest');

/** `PATCH /v1/notes/{id}`: the new text, the pin, or both. */
export const UpdateNoteBody = z
  .object({ body: NoteBodyText.optional(), pinned: z.boolean().optional() })
  .strict()
  .refine((b) => b.body !== undefined || b.pinned !== undefined, {
    message: 'send body, pinned or both',
    path: [],
  })
  .openapi('UpdateNoteRequest');
