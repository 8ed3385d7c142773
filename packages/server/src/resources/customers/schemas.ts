import { z } from '@hono/zod-openapi';
import { SegmentName } from '../segments/schemas.js';
import { isPartialDate } from './normalise.js';

/** Metals a customer may prefer. */
export const PREFERRED_METALS = [
  'yellow_gold',
  'white_gold',
  'rose_gold',
  'platinum',
  'silver',
] as const;
/** How a customer likes to be contacted. */
export const COMMUNICATION_PREFERENCES = ['email', 'sms', 'phone', 'whatsapp', 'none'] as const;
/** Account standing. */
export const ACCOUNT_STATUSES = ['active', 'suspended', 'banned'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const nullableText = (max: number, example?: string) =>
  text(max)
    .nullable()
    .openapi(example ? { example } : {});

/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), directional marks
 * (U+200E, U+200F) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF): invisible, and
 * able to make a name display as another (decision 0001). Names are stored without them.
 */
const INVISIBLE_IN_NAMES = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/** A person's name: invisible characters stripped, then trimmed and checked like any text. */
const nullableName = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.replace(INVISIBLE_IN_NAMES, '') : value),
    nullableText(max),
  );

const PartialDate = z
  .string()
  .refine(isPartialDate, {
    message: 'must be a real date as YYYY-MM-DD, or --MM-DD without a year',
  })
  .openapi({
    description: '`YYYY-MM-DD`, or `--MM-DD` when the year is unknown.',
    example: '--03-28',
  });

const Phone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => v.replace(/\D+/g, '').length >= 6 && /^[\d\s()+.-]+$/.test(v), {
    message: 'must be a phone number (digits, spaces, + ( ) . -)',
  })
  .openapi({ example: '0412 345 678' });

/** A postal address; every part optional. Encrypted at rest. */
export const Address = z
  .object({
    line1: nullableText(200, '12 Collins Street'),
    line2: nullableText(200),
    suburb: nullableText(100, 'Melbourne'),
    state: nullableText(100, 'VIC'),
    postcode: nullableText(20, '3000'),
    country: nullableText(100, 'AU'),
  })
  .openapi('Address');
export type Address = z.infer<typeof Address>;

const AddressInput = Address.partial().strict();

/** What an address is for. */
export const ADDRESS_KINDS = ['home', 'billing', 'shipping', 'other'] as const;
/** How many addresses one customer may keep. */
export const MAX_ADDRESSES = 20;

/** One of a customer's addresses (`addresses`); encrypted at rest like `address`. */
export const CustomerAddress = Address.extend({
  id: z.string().openapi({ example: 'adr_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
  kind: z.enum(ADDRESS_KINDS),
  label: z.string().nullable().openapi({ example: 'Work' }),
  is_default: z.boolean().openapi({
    description: 'Exactly one address is the default; `address` reads and writes it.',
  }),
}).openapi('CustomerAddress');
export type CustomerAddress = z.infer<typeof CustomerAddress>;

/** `POST /v1/customers/{id}/addresses`: the parts of the address, all optional but one. */
export const AddAddressBody = AddressInput.extend({
  kind: z.enum(ADDRESS_KINDS).default('other'),
  label: nullableText(100, 'Work').optional(),
  is_default: z.boolean().optional().openapi({
    description: 'Make it the default (the first address always is).',
  }),
})
  .strict()
  .openapi('AddCustomerAddressRequest');

/** An address given whole (a CSV's `extra_addresses` item): kind, label and parts. */
export const NewAddressInput = AddAddressBody.omit({ is_default: true });

/** `PATCH /v1/customers/{id}/addresses/{item_id}`: only the parts sent change. */
export const UpdateAddressBody = AddressInput.extend({
  kind: z.enum(ADDRESS_KINDS),
  label: nullableText(100, 'Work'),
  is_default: z.literal(true).openapi({
    description: 'Only `true`: another address stops being the default when this one becomes it.',
  }),
})
  .partial()
  .strict()
  .openapi('UpdateCustomerAddressRequest');

/** A marketing consent given or withdrawn, and when and by whom. */
export const Consent = z
  .object({
    granted: z.boolean(),
    at: z.string().datetime({ offset: true }),
    by: z.string().nullable().openapi({ description: 'Who recorded it (staff name or key name).' }),
  })
  .openapi('Consent');
export type Consent = z.infer<typeof Consent>;

/** On input, `at` defaults to now and `by` to the caller. */
const ConsentInput = z
  .object({
    granted: z.boolean(),
    at: z.string().datetime({ offset: true }).optional(),
    by: z.string().trim().max(100).nullable().optional(),
  })
  .strict();

export const MarketingConsent = z
  .object({ email: Consent.nullable(), sms: Consent.nullable() })
  .openapi('MarketingConsent');
export type MarketingConsent = z.infer<typeof MarketingConsent>;

const CustomFieldValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const CustomFields = z
  .record(z.string().min(1).max(64), CustomFieldValue)
  .refine((v) => Object.keys(v).length <= 50, { message: 'at most 50 custom fields' });

/** A system's name in `external_ids`: a lower-case slug (`shopify`, `pos`, `lightspeed-x`). */
export const ExternalSystem = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a lower-case slug such as shopify or pos')
  .openapi({ example: 'shopify' });

/** At most this many systems per customer. */
export const MAX_EXTERNAL_SYSTEMS = 20;

const EXTERNAL_IDS_DESCRIPTION =
  'The customer’s ids in other systems, by system (a lower-case slug): `{ "shopify": "7421…", "pos": "C-1042" }`. An id is unique per tenant and system (409 `customer_external_id_taken` names the customer holding it); `GET /v1/customers?external_id=shopify:7421…` finds its customer. Staff-only: a customer session doesn’t see them.';

/** The customer record on the wire (decision 0001). */
export const Customer = z
  .object({
    id: z.string().openapi({ example: 'cus_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    first_name: z.string().nullable().openapi({ example: 'Amelia' }),
    last_name: z.string().nullable().openapi({ example: 'Chen' }),
    email: z.string().nullable().openapi({ example: 'amelia.chen@example.com' }),
    mobile: z.string().nullable(),
    phone: z.string().nullable(),
    address: Address.nullable().openapi({
      description:
        'The default of `addresses`, without its id, kind and label. Writing it sets the default’s parts (adding a `home` address when there is none); `null` removes the default, and the next address, if any, becomes it.',
    }),
    addresses: z.array(CustomerAddress).openapi({
      description:
        'Every address kept for the customer, oldest first. Change them with `/v1/customers/{id}/addresses`.',
    }),
    birthday: z.string().nullable().openapi({ example: '1988-03-28' }),
    anniversary: z.string().nullable().openapi({ example: '--11-02' }),
    spouse_name: z.string().nullable(),
    spouse_birthday: z.string().nullable(),
    ring_size: z.string().nullable().openapi({ example: 'N' }),
    wrist_size: z.string().nullable().openapi({ example: '16.5 cm' }),
    preferred_metal: z.enum(PREFERRED_METALS).nullable(),
    gold_preference: z.string().nullable().openapi({ example: '18k' }),
    allergies: z.array(z.string()).openapi({ example: ['nickel'] }),
    communication_preference: z.enum(COMMUNICATION_PREFERENCES).nullable(),
    source: z.string().nullable().openapi({ example: 'walk-in' }),
    tax_id: z.string().nullable(),
    marketing_consent: MarketingConsent,
    tags: z.array(z.string()).openapi({ example: ['VIP', 'bridal'] }),
    is_vip: z.boolean(),
    custom_fields: z.record(z.string(), CustomFieldValue),
    external_ids: z.record(z.string(), z.string()).openapi({
      description: EXTERNAL_IDS_DESCRIPTION,
      example: { shopify: '7421904381', pos: 'C-1042' },
    }),
    home_branch_id: z.string().nullable(),
    account_status: z.enum(ACCOUNT_STATUSES),
    suspension_end: z.string().datetime().nullable(),
    archived_at: z.string().datetime().nullable(),
    erased_at: z.string().datetime().nullable().openapi({
      description:
        'When the customer’s identifying data was erased (`POST /v1/customers/{id}/erase`). An erased customer can’t be edited or restored (409 `customer_erased`).',
    }),
    merged_into: z.string().nullable(),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Starts at 1; +1 per change. Send as If-Match.' }),
  })
  .openapi('Customer');
export type Customer = z.infer<typeof Customer>;

/**
 * A customer in a list or search: the record, and what tells two namesakes apart that the
 * record doesn't hold. Read from the kept purchase figures (migration 0022), one key lookup
 * per row.
 */
export const CustomerListItem = Customer.extend({
  last_purchase_at: z.string().datetime().nullable().openapi({
    description:
      'When the customer last bought: the latest completed sale, exchange or layby (returns aside). Null before the first. The summary’s `last_visit_at` also counts layby and invoice payments.',
    example: '2026-11-28T03:12:00.000Z',
  }),
}).openapi('CustomerListItem');
export type CustomerListItem = z.infer<typeof CustomerListItem>;

/** Every writable field, all optional: the PATCH body, and the base of the create body. */
export const CustomerWritable = z
  .object({
    first_name: nullableName(100),
    last_name: nullableName(100),
    // Spaces are never part of an address; people paste them in, so they are dropped.
    email: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
        z.string().max(254).email(),
      )
      .nullable(),
    mobile: Phone.nullable(),
    phone: Phone.nullable(),
    address: AddressInput.nullable(),
    birthday: PartialDate.nullable(),
    anniversary: PartialDate.nullable(),
    spouse_name: nullableName(200),
    spouse_birthday: PartialDate.nullable(),
    ring_size: nullableText(20),
    wrist_size: nullableText(20),
    preferred_metal: z.enum(PREFERRED_METALS).nullable(),
    gold_preference: nullableText(100),
    allergies: z.array(text(100)).max(20),
    communication_preference: z.enum(COMMUNICATION_PREFERENCES).nullable(),
    source: nullableText(100),
    tax_id: nullableText(50),
    marketing_consent: z
      .object({ email: ConsentInput.nullable(), sms: ConsentInput.nullable() })
      .partial()
      .strict(),
    tags: z.array(text(50)).max(50),
    is_vip: z.boolean(),
    custom_fields: CustomFields,
    external_ids: z
      .record(ExternalSystem, text(255).nullable())
      .refine((v) => Object.keys(v).length <= MAX_EXTERNAL_SYSTEMS, {
        message: `at most ${MAX_EXTERNAL_SYSTEMS} systems`,
      })
      .openapi({
        description: `${EXTERNAL_IDS_DESCRIPTION} Merged system by system: only the systems sent change, and \`null\` removes one.`,
        example: { shopify: '7421904381' },
      }),
    home_branch_id: z.string().max(64).nullable(),
    account_status: z.enum(ACCOUNT_STATUSES),
    suspension_end: z.string().datetime({ offset: true }).nullable(),
  })
  .partial()
  .strict();
export type CustomerWritable = z.infer<typeof CustomerWritable>;

export const CreateCustomerBody = CustomerWritable.refine((v) => v.first_name || v.last_name, {
  message: 'a customer needs a first or last name',
  path: ['first_name'],
}).openapi('CreateCustomerRequest');

export const UpdateCustomerBody = CustomerWritable.openapi('UpdateCustomerRequest', {
  description: 'Only the fields sent change; send null to clear one.',
});

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** Filters of GET /v1/customers. */
export const CustomerListQuery = z.object({
  // An empty search box sends `q=`: that lists, as if there were no `q`, rather than failing.
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .openapi({
      description:
        'Name (typo-tolerant), email prefix, phone in any format, or tax id. Empty means no search.',
      example: 'amelia chen',
    }),
  tag: z.string().trim().min(1).max(50).optional(),
  is_vip: booleanQuery.openapi({ type: 'string', enum: ['true', 'false'] }),
  segment: SegmentName.optional().openapi({
    description: 'Only customers in this RFM segment (`GET /v1/segments`).',
  }),
  branch_id: z.string().max(64).optional(),
  include_archived: booleanQuery.openapi({ type: 'string', enum: ['true', 'false'] }),
  external_id: z
    .string()
    .max(300)
    .transform((v, ctx) => {
      const match = /^([a-z][a-z0-9_-]{0,31}):(.{1,255})$/su.exec(v);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'must be system:id, e.g. shopify:7421904381' });
        return z.NEVER;
      }
      return { system: match[1]!, id: match[2]! };
    })
    .optional()
    .openapi({
      type: 'string',
      description:
        'The customer holding this id in another system, as `system:id` (`shopify:7421904381`): at most one.',
      example: 'shopify:7421904381',
    }),
});
