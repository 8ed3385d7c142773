import { z } from '@hono/zod-openapi';
import { PageQuery } from '../../core/http/pagination.js';

export const PASSPORT_STATUSES = ['active', 'reported_stolen', 'archived'] as const;
export const PassportStatus = z.enum(PASSPORT_STATUSES).openapi({
  description:
    '`active`; `reported_stolen` (the public page warns anyone who checks it); `archived` (retired, e.g. the piece was melted down).',
  example: 'active',
});
export type PassportStatus = z.infer<typeof PassportStatus>;

const CODE_EXAMPLE = 'K7M-2QX-9HD-F4W-RT8-CPN-3BT';
const text = (max: number) => z.string().trim().min(1).max(max);

/** One stone and its grading, as a lab report states it. Every field but `kind` is optional. */
export const Stone = z
  .object({
    kind: text(50).openapi({ example: 'diamond' }),
    shape: text(50).nullish().openapi({ example: 'round brilliant' }),
    count: z.number().int().min(1).max(10_000).nullish().openapi({ example: 1 }),
    carat: z.number().positive().max(10_000).nullish().openapi({
      description: 'Weight in carats (of each stone when `count` > 1).',
      example: 1.01,
    }),
    colour: text(20).nullish().openapi({ example: 'F' }),
    clarity: text(20).nullish().openapi({ example: 'VS1' }),
    cut: text(20).nullish().openapi({ description: 'Cut grade.', example: 'Excellent' }),
    lab: text(50).nullish().openapi({ example: 'GIA' }),
    certificate_number: text(50).nullish().openapi({ example: '2141438167' }),
  })
  .strict()
  .openapi('Stone');
export type Stone = z.infer<typeof Stone>;

const ImageUrl = z
  .string()
  .max(2000)
  .url()
  .refine((url) => /^https:\/\//i.test(url), 'must be an https URL')
  .openapi({ example: 'https://cdn.example.com/pieces/solitaire.jpg' });

/** Spaces are never part of an address; people paste them in, so they are dropped. */
const OwnerEmail = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
  z.string().max(254).email(),
);

/** The piece as the public page shows it: nothing about a person. */
const pieceFields = {
  code: z.string().openapi({
    description:
      'The public code: 21 symbols in groups of three, the last a check symbol. Printed on the certificate; the QR code carries the verify URL with it.',
    example: CODE_EXAMPLE,
  }),
  title: z.string().openapi({ example: 'Solitaire engagement ring' }),
  jewellery_type: z.string().openapi({ example: 'ring' }),
  description: z.string().nullable().openapi({
    description: 'Shown on the public page: describe the piece, never its owner.',
    example: 'Platinum six-claw solitaire, hand-finished in our Sydney workshop.',
  }),
  metal: z.string().nullable().openapi({ example: 'platinum' }),
  stones: z.array(Stone),
  images: z.array(z.string()).openapi({ description: 'https URLs of photos of the piece.' }),
  status: PassportStatus,
  issued_at: z.string().openapi({ format: 'date-time' }),
  ownership_changes: z
    .number()
    .int()
    .min(0)
    .openapi({ description: 'Transfers since issue (corrections of a typo are not counted).' }),
  last_transfer_at: z.string().nullable().openapi({ format: 'date-time' }),
};

/** A passport as staff see it. */
export const Passport = z
  .object({
    id: z.string().openapi({ example: 'pas_01jd8x3k2m0000000000000000' }),
    ...pieceFields,
    owner_email: z.string().nullable().openapi({
      description:
        'The current owner. The customer whose email matches (ignoring case and spaces) sees it in their Passports tab. Null once the owner was erased.',
      example: 'amelia.chen@example.com',
    }),
    customer_id: z
      .string()
      .nullable()
      .openapi({ description: 'The customer it was issued to, if recorded.' }),
    sale_id: z.string().nullable().openapi({ description: 'The sale it was issued with.' }),
    verify_url: z.string().openapi({
      description: 'The public page the QR code points at.',
      example: `https://loupe.example.com/verify/${CODE_EXAMPLE}`,
    }),
    updated_at: z.string().openapi({ format: 'date-time' }),
    version: z.number().int(),
  })
  .openapi('Passport');
export type Passport = z.infer<typeof Passport>;

/** One change of owner. */
export const PassportTransfer = z
  .object({
    id: z.string().openapi({ example: 'ptr_01jd8x3k2m0000000000000000' }),
    from_email: z.string().nullable().openapi({
      description: 'Null once that owner was erased.',
      example: 'amelia.chen@example.com',
    }),
    to_email: z
      .string()
      .nullable()
      .openapi({ description: 'Null once that owner was erased.', example: 'sam.ng@example.com' }),
    note: z.string().nullable().openapi({ example: 'Gift, documented at the counter' }),
    actor: z
      .object({
        kind: z.enum(['secret', 'session', 'platform', 'system']),
        id: z.string().nullable(),
        name: z.string().nullable(),
      })
      .openapi('PassportActor'),
    at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PassportTransfer');
export type PassportTransfer = z.infer<typeof PassportTransfer>;

/** A passport with its ownership history, oldest transfer first. */
export const PassportDetail = Passport.extend({ transfers: z.array(PassportTransfer) }).openapi(
  'PassportDetail',
);

/** `POST /v1/passports`. */
export const CreatePassportBody = z
  .object({
    title: text(200).openapi({ example: 'Solitaire engagement ring' }),
    jewellery_type: text(50).openapi({
      description: 'ring, necklace, pendant, earrings, bracelet, brooch, watch…',
      example: 'ring',
    }),
    description: z.string().trim().max(2000).nullish(),
    metal: text(100).nullish().openapi({ example: 'platinum' }),
    stones: z.array(Stone).max(50).optional().openapi({ description: 'None when left out.' }),
    images: z.array(ImageUrl).max(10).optional().openapi({ description: 'None when left out.' }),
    owner_email: OwnerEmail.openapi({ example: 'amelia.chen@example.com' }),
    customer_id: z
      .string()
      .max(64)
      .nullish()
      .openapi({ description: 'The customer it is issued to (recorded, not the link).' }),
    sale_id: z.string().max(64).nullish().openapi({ description: 'The sale it comes with.' }),
  })
  .strict()
  .openapi('CreatePassportBody');
export type CreatePassportBody = z.infer<typeof CreatePassportBody>;

/** `POST /v1/passports/{id}/transfers`. */
export const TransferPassportBody = z
  .object({
    to_email: OwnerEmail.openapi({ example: 'sam.ng@example.com' }),
    note: z.string().trim().max(500).nullish(),
  })
  .strict()
  .openapi('TransferPassportBody');

/** `POST /v1/passports/{id}/owner-corrections`. */
export const CorrectOwnerBody = z
  .object({
    owner_email: OwnerEmail.openapi({ example: 'amelia.chen@example.com' }),
    reason: text(500).openapi({ example: 'Issued with a typo: "amelia.chen@exmaple.com"' }),
  })
  .strict()
  .openapi('CorrectOwnerBody');

/** `GET /v1/passports`. */
export const PassportListQuery = z
  .object({
    owner_email: z
      .string()
      .max(254)
      .optional()
      .openapi({ description: 'The current owner, ignoring case and spaces.' }),
    status: PassportStatus.optional(),
  })
  .merge(PageQuery);

/** `GET /v1/public/passports/{code}`: the piece, never a person. */
export const PublicPassport = z
  .object({
    ...pieceFields,
    issuer: z
      .object({ name: z.string().openapi({ example: 'Harbour & Vine Jewellers' }) })
      .openapi('PassportIssuer'),
  })
  .openapi('PublicPassport');
export type PublicPassport = z.infer<typeof PublicPassport>;
