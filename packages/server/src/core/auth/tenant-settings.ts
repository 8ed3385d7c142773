import type { Queryable } from '../db/types.js';
import type { RolePermissionsOverride } from './permissions.js';

/** A tenant's settings as the app uses them. */
export interface TenantSettings {
  id: string;
  name: string;
  currency: string;
  country: string | null;
  allowed_origins: string[];
  role_permissions: RolePermissionsOverride | null;
  /** IANA zone set by the tenant; null reads dates in its country's (`defaultTimeZone`). */
  time_zone: string | null;
  /** What a cancelled layby's payments go back as (decision 0025). */
  layby_cancellation_refund: 'store_credit' | 'original_methods';
  /** Loyalty points earned per whole currency unit spent (decision 0030). */
  loyalty_points_per_unit: number;
  /** The tenant's loyalty tiers, lowest first; null for the default four. */
  loyalty_tiers: { name: string; min_points: number }[] | null;
  /** Subject and body of the messages Loupe writes itself, by kind; unset kinds use defaults. */
  message_templates: Partial<Record<string, { subject: string; body: string }>>;
  /** The Shopify shop whose app proxy may mint customer sessions (decision 0036). */
  shopify_shop_domain: string | null;
  /** Whether the Shopify app's shared secret is set; the secret itself is never read here. */
  shopify_has_app_proxy_secret: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Columns for `TenantSettings`, for SELECT and RETURNING. */
export const TENANT_COLUMNS =
  'id, name, currency, country, allowed_origins, role_permissions, time_zone, layby_cancellation_refund, loyalty_points_per_unit::float8 AS loyalty_points_per_unit, loyalty_tiers, message_templates, shopify_shop_domain, shopify_app_proxy_secret IS NOT NULL AS shopify_has_app_proxy_secret, version, created_at, updated_at';

/** Reads one tenant's settings. */
export async function readTenant(db: Queryable, tenantId: string): Promise<TenantSettings | null> {
  const { rows } = await db.query<TenantSettings>(
    `SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`,
    [tenantId],
  );
  return rows[0] ? normaliseTenantRow(rows[0]) : null;
}

/** `char(n)` columns come back padded on some paths; trim them once here. */
export function normaliseTenantRow(row: TenantSettings): TenantSettings {
  return { ...row, currency: row.currency.trim(), country: row.country?.trim() ?? null };
}
