import { z } from '@hono/zod-openapi';
import { RolePermissionsOverride } from '../../core/auth/permissions.js';
import { CurrencyCode } from '../../core/http/schemas.js';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_KINDS,
  TEMPLATE_PLACEHOLDERS,
  templateFor,
  unknownPlaceholders,
} from '../communications/templates.js';
import { DEFAULT_LOYALTY_TIERS } from '../customers/loyalty/points.js';
import { LoyaltyTier, LoyaltyTierList } from '../customers/loyalty/schemas.js';
import { defaultTimeZone, isIanaTimeZone } from '../reminders/dates.js';
import { ShopifySettings } from './shopify.js';

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code this runtime knows (so `Intl` can format it). */
export const KnownCurrency = CurrencyCode.refine((c) => SUPPORTED_CURRENCIES.has(c), {
  message: 'is not an ISO 4217 currency code',
});

/** ISO 3166-1 alpha-2 country, the default region for phone numbers. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as AU')
  .openapi({ example: 'AU' });

/**
 * A web origin exactly as browsers send it: scheme, host and optional port, nothing else
 * (`https://shop.example.com`). Wildcards are refused on purpose.
 */
export const WebOrigin = z
  .string()
  .max(255)
  .refine(isWebOrigin, {
    message:
      'must be an origin like https://shop.example.com (scheme, host, optional port; no path)',
  })
  .openapi({ example: 'https://shop.example.com' });

function isWebOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}

/** The tenant's policy for a cancelled layby's payments (decision 0025). */
export const LaybyCancellationRefund = z.enum(['store_credit', 'original_methods']).openapi({
  description:
    'What a cancelled layby’s payments go back as: `store_credit` (the default) credits the customer’s ledger, `original_methods` pays each method back. Guest laybys always go back to their methods.',
});

/** The tenant's loyalty programme on the wire (decision 0030). */
export const LoyaltySettings = z
  .object({
    points_per_unit: z.number().openapi({
      description:
        'Points a completed sale earns per whole currency unit of its total, rounded down per sale (1 by default: A$120.99 earns 120; 0.1 earns one point per A$10). 0 turns earning off.',
      example: 1,
    }),
    tiers: z.array(LoyaltyTier).openapi({ description: 'Lowest first.' }),
  })
  .openapi('LoyaltySettings');

/** `loyalty` on `PATCH /v1/tenant`: send only what changes. */
export const LoyaltySettingsPatch = z
  .object({
    points_per_unit: z
      .number()
      .min(0)
      .max(1000)
      .refine((n) => Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6, {
        message: 'must have at most four decimal places',
      })
      .openapi({ example: 1 }),
    tiers: LoyaltyTierList.nullable(),
  })
  .partial()
  .strict()
  .openapi('LoyaltySettingsPatch');

const TemplateText = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .openapi({ example: 'Your {{item_description}} is ready' }),
  body: z.string().trim().min(1).max(5000).openapi({ example: 'Hi {{first_name}}, …' }),
});

const placeholderList = (kind: keyof typeof TEMPLATE_PLACEHOLDERS) =>
  TEMPLATE_PLACEHOLDERS[kind].map((p) => `\`{{${p}}}\``).join(', ');

/** A template as sent on `PATCH /v1/tenant`: only the placeholders its kind fills. */
function templateInput(kind: keyof typeof TEMPLATE_PLACEHOLDERS) {
  return TemplateText.strict()
    .superRefine((t, ctx) => {
      for (const field of ['subject', 'body'] as const) {
        const unknown = unknownPlaceholders(kind, t[field]);
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `has ${unknown.map((u) => `{{${u}}}`).join(', ')}, which this message doesn't fill; it may use ${TEMPLATE_PLACEHOLDERS[kind].map((p) => `{{${p}}}`).join(', ')}`,
          });
        }
      }
    })
    .nullable()
    .openapi({
      description: `Placeholders: ${placeholderList(kind)}. Null goes back to the built-in text.`,
      example: DEFAULT_TEMPLATES[kind],
    });
}

/** The messages Loupe writes itself, as the tenant has them (built-in text until changed). */
export const MessageTemplates = z
  .object({
    repair_ready: TemplateText.openapi({
      description: `Queued to the customer when a repair reaches \`ready\`. Placeholders: ${placeholderList('repair_ready')}.`,
    }),
    wishlist_available: TemplateText.openapi({
      description: `Queued by \`POST …/wishlist/{item_id}/notify\`. Placeholders: ${placeholderList('wishlist_available')}.`,
    }),
  })
  .openapi('MessageTemplates');

/** `message_templates` on `PATCH /v1/tenant`: send only the kinds that change. */
export const MessageTemplatesPatch = z
  .object({
    repair_ready: templateInput('repair_ready'),
    wishlist_available: templateInput('wishlist_available'),
  })
  .partial()
  .strict()
  .openapi('MessageTemplatesPatch');

/** The tenant's settings on the wire. */
export const Tenant = z
  .object({
    id: z.string().openapi({ example: 'ten_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    name: z.string().openapi({ example: 'Harlow & Finch Jewellers' }),
    currency: CurrencyCode,
    country: CountryCode.nullable(),
    allowed_origins: z.array(z.string()).openapi({
      description: 'Web origins whose pages may call the API with this tenant’s credentials.',
    }),
    role_permissions: RolePermissionsOverride.nullable().openapi({
      description: 'Overrides of the default role → permissions matrix (owner always has all).',
    }),
    time_zone: z.string().openapi({
      description:
        'The IANA zone the shop’s calendar is read in (what "today" is for reminders). Until set, the zone most of the country lives in (AU: Australia/Sydney, NZ: Pacific/Auckland, GB: Europe/London, US: America/New_York, …) or UTC.',
      example: 'Australia/Melbourne',
    }),
    layby_cancellation_refund: LaybyCancellationRefund,
    loyalty: LoyaltySettings,
    message_templates: MessageTemplates,
    shopify: ShopifySettings.openapi({
      description:
        'The Shopify shop and app whose app proxy mints customer sessions (`GET /shopify/app-proxy/session`, decision 0036).',
    }),
    version: z.number().int(),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
  })
  .openapi('Tenant');
export type TenantWire = z.infer<typeof Tenant>;

/** Fields a tenant may be created or updated with. */
export const TenantFields = z.object({
  name: z.string().trim().min(1).max(200).openapi({ example: 'Harlow & Finch Jewellers' }),
  currency: KnownCurrency,
  country: CountryCode.nullable().openapi({
    description:
      'Default region for phone numbers typed without a country code. Changing it re-indexes the stored numbers in the background, in small batches after the response; search finds a number in any form meanwhile.',
  }),
  allowed_origins: z.array(WebOrigin).max(50),
});

/** An IANA time zone name this server knows, e.g. `Australia/Perth`. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as Australia/Sydney' })
  .openapi({ example: 'Australia/Perth' });

/** Tenant settings as sent on the wire. */
export function tenantToWire(t: {
  id: string;
  name: string;
  currency: string;
  country: string | null;
  allowed_origins: string[];
  role_permissions: TenantWire['role_permissions'];
  time_zone: string | null;
  layby_cancellation_refund: TenantWire['layby_cancellation_refund'];
  loyalty_points_per_unit: number;
  loyalty_tiers: { name: string; min_points: number }[] | null;
  message_templates: Partial<Record<string, { subject: string; body: string }>>;
  shopify_shop_domain: string | null;
  shopify_has_app_proxy_secret: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}): TenantWire {
  return {
    id: t.id,
    name: t.name,
    currency: t.currency,
    country: t.country,
    allowed_origins: t.allowed_origins,
    role_permissions: t.role_permissions,
    time_zone: t.time_zone ?? defaultTimeZone(t.country),
    layby_cancellation_refund: t.layby_cancellation_refund,
    loyalty: {
      points_per_unit: Number(t.loyalty_points_per_unit),
      tiers: [...(t.loyalty_tiers ?? DEFAULT_LOYALTY_TIERS)],
    },
    message_templates: Object.fromEntries(
      TEMPLATE_KINDS.map((kind) => [kind, templateFor(t, kind)]),
    ) as TenantWire['message_templates'],
    shopify: {
      shop_domain: t.shopify_shop_domain,
      has_app_proxy_secret: t.shopify_has_app_proxy_secret,
    },
    version: t.version,
    created_at: new Date(t.created_at).toISOString(),
    updated_at: new Date(t.updated_at).toISOString(),
  };
}
