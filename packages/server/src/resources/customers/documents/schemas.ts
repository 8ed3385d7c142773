import { z } from '@hono/zod-openapi';
import { UNSTORABLE } from '../../../core/middleware/json-body.js';
import { DOCUMENT_CONTENT_TYPES } from './content.js';

export const DOCUMENT_KINDS = [
  'id_document',
  'receipt',
  'valuation',
  'certificate',
  'other',
] as const;

const DOCUMENT_ID_EXAMPLE = 'doc_01jd8x3k2m0000000000000000';

/** A document's metadata (never its bytes: those leave only through a signed link). */
export const CustomerDocument = z
  .object({
    id: z.string().openapi({ example: DOCUMENT_ID_EXAMPLE }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    kind: z.enum(DOCUMENT_KINDS).openapi({
      description:
        'What it is: `id_document` (a passport or licence copy), `receipt`, `valuation` (for insurance), `certificate` (a stone’s grading report), `other`.',
    }),
    filename: z.string().openapi({ example: 'valuation-2026.pdf' }),
    content_type: z.enum(DOCUMENT_CONTENT_TYPES).openapi({
      description: 'What the bytes are, read from the file itself (never from its name).',
    }),
    size_bytes: z.number().int().openapi({ example: 183_204 }),
    sha256: z.string().openapi({
      description: 'SHA-256 of the bytes, hex: check a download, spot a duplicate.',
      example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    }),
    description: z.string().nullable().openapi({ example: 'Insurance valuation, March 2026' }),
    uploaded_by: z
      .object({
        kind: z.enum(['secret', 'session', 'platform', 'system']),
        name: z.string().nullable().openapi({ example: 'Sophie (Strand Arcade)' }),
      })
      .openapi({ description: 'The credential that uploaded it: a staff name or a key’s name.' }),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CustomerDocument');
export type CustomerDocument = z.infer<typeof CustomerDocument>;

/** One document with a download link that works for a few minutes. */
export const CustomerDocumentWithLink = CustomerDocument.extend({
  download_url: z.string().openapi({
    description:
      'A signed link to the bytes (HMAC over tenant, document and expiry), for a browser or `fetch` without credentials; it stops working at `download_expires_at`. Ask for the document again for a fresh one.',
    example: `https://loupe.example.com/v1/public/documents/${DOCUMENT_ID_EXAMPLE}?tenant=ten_01…&expires=1764770400&signature=…`,
  }),
  download_expires_at: z.string().openapi({ format: 'date-time' }),
}).openapi('CustomerDocumentWithLink');

/** The multipart form of an upload. */
export const UploadDocumentForm = z.object({
  file: z.any().openapi({
    type: 'string',
    format: 'binary',
    description:
      'The file: a JPEG, PNG or WebP image or a PDF, recognised by its content; at most `LOUPE_DOCUMENT_MAX_BYTES` (10 MB by default).',
  }),
  kind: z.enum(DOCUMENT_KINDS).default('other'),
  description: z
    .string()
    .trim()
    .max(500)
    .refine((v) => !UNSTORABLE.test(v), 'may not contain a NUL character or a lone surrogate')
    .optional()
    .openapi({
      example: 'Driver licence, front and back',
    }),
});

/** The signed link's query. */
export const DownloadQuery = z.object({
  tenant: z.string().max(64).openapi({ example: 'ten_01jd8x3k2m0000000000000000' }),
  expires: z.coerce.number().int().openapi({ example: 1764770400 }),
  signature: z.string().max(128),
});
