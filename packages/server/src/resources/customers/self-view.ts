import { z } from '@hono/zod-openapi';
import { type Customer, Customer as CustomerSchema } from './schemas.js';

/**
 * What a customer session (a storefront shopper) sees of their own record (decision 0013):
 * contact details, preferences, dates, consent and VIP standing. Left out, as the shop's own
 * business: `tax_id`, `custom_fields`, `source`, `home_branch_id`, `account_status` and
 * `suspension_end`, `archived_at`, `erased_at`, `merged_into`, who recorded a consent
 * (`by`), and every tag but `VIP` (tags are staff's labels: "haggles hard", "bridal lead").
 */
const SelfConsent = z
  .object({
    granted: z.boolean(),
    at: z.string().datetime({ offset: true }),
  })
  .openapi('CustomerSelfConsent', {
    description: 'A marketing consent as the customer sees it: given or withdrawn, and when.',
  });

export const CustomerSelfView = CustomerSchema.pick({
  id: true,
  first_name: true,
  last_name: true,
  email: true,
  mobile: true,
  phone: true,
  address: true,
  addresses: true,
  birthday: true,
  anniversary: true,
  spouse_name: true,
  spouse_birthday: true,
  ring_size: true,
  wrist_size: true,
  preferred_metal: true,
  gold_preference: true,
  allergies: true,
  communication_preference: true,
  is_vip: true,
  created_at: true,
  updated_at: true,
  version: true,
})
  .extend({
    marketing_consent: z.object({ email: SelfConsent.nullable(), sms: SelfConsent.nullable() }),
    tags: z.array(z.literal('VIP')).openapi({
      description: '`["VIP"]` for a VIP, else empty: other tags are the shop’s own labels.',
      example: ['VIP'],
    }),
  })
  .openapi('CustomerSelfView', {
    description:
      'The customer’s own record as a customer session sees it: contact details, preferences, dates, consent and VIP standing, without the shop’s staff-only fields (tax id, custom fields, source, home branch, account status, other tags, who recorded a consent).',
  });
export type CustomerSelfView = z.infer<typeof CustomerSelfView>;

const selfConsent = (consent: Customer['marketing_consent']['email']) =>
  consent ? { granted: consent.granted, at: consent.at } : null;

/** Narrows a full record to the customer's own view; nothing staff-only is copied. */
export function toCustomerSelfView(c: Customer): CustomerSelfView {
  return {
    id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    mobile: c.mobile,
    phone: c.phone,
    address: c.address,
    addresses: c.addresses,
    birthday: c.birthday,
    anniversary: c.anniversary,
    spouse_name: c.spouse_name,
    spouse_birthday: c.spouse_birthday,
    ring_size: c.ring_size,
    wrist_size: c.wrist_size,
    preferred_metal: c.preferred_metal,
    gold_preference: c.gold_preference,
    allergies: c.allergies,
    communication_preference: c.communication_preference,
    marketing_consent: {
      email: selfConsent(c.marketing_consent.email),
      sms: selfConsent(c.marketing_consent.sms),
    },
    tags: c.is_vip ? ['VIP'] : [],
    is_vip: c.is_vip,
    created_at: c.created_at,
    updated_at: c.updated_at,
    version: c.version,
  };
}
