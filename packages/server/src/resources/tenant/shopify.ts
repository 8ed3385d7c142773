/**
 * The tenant's Shopify connection (decision 0036): the shop's `*.myshopify.com` domain, which
 * identifies the tenant to `GET /shopify/app-proxy/session`, and the app's shared secret that
 * signs the proxied requests. The secret is write-only: sealed under the tenant's data key,
 * never returned (`has_app_proxy_secret` says whether one is set).
 */
import { z } from '@hono/zod-openapi';
import type { FieldChange } from '../../core/audit/diff.js';
import { REDACTED } from '../../core/audit/diff.js';
import { open, seal } from '../../core/crypto/envelope.js';
import type { TenantKeys } from '../../core/crypto/tenant-keys.js';
import { type Queryable, toBuffer } from '../../core/db/types.js';
import { invalidField } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { insertApiKey } from '../keys/store.js';

/** The name of the key app-proxy sessions are minted under; revoking it ends them. */
export const SHOPIFY_PROXY_KEY_NAME = 'Shopify app proxy';

/** Shopify's app proxy sends the shop's permanent domain, `<handle>.myshopify.com`. */
export const ShopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .regex(
    /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/,
    'must be the shop’s myshopify.com domain, e.g. harlow-finch.myshopify.com',
  )
  .openapi({ example: 'harlow-finch.myshopify.com' });

/** `shopify` on `GET /v1/tenant`. */
export const ShopifySettings = z
  .object({
    shop_domain: z.string().nullable().openapi({
      description:
        'The shop’s `*.myshopify.com` domain: the app proxy’s signed `shop` parameter must name it.',
      example: 'harlow-finch.myshopify.com',
    }),
    has_app_proxy_secret: z.boolean().openapi({
      description: 'Whether the app’s shared secret is set (it is never returned).',
    }),
  })
  .openapi('ShopifySettings');

/** `shopify` on `PATCH /v1/tenant`: send only what changes. */
export const ShopifySettingsPatch = z
  .object({
    shop_domain: ShopDomain.nullable(),
    app_proxy_secret: z.string().trim().min(16).max(255).nullable().openapi({
      description:
        'The Shopify app’s client secret (API secret key), which signs app proxy requests. Write-only: never returned. Null removes it, and the app proxy answers 401 until one is set again.',
      example: 'shpss_0123456789abcdef0123456789abcdef',
    }),
  })
  .partial()
  .strict()
  .openapi('ShopifySettingsPatch');
export type ShopifySettingsPatch = z.infer<typeof ShopifySettingsPatch>;

/** The additional authenticated data the sealed secret is bound to. */
const secretAad = (tenantId: string) => `tenant-shopify-secret:${tenantId}`;

/** Seals a shared secret for the tenant's row. */
export function sealAppProxySecret(keys: TenantKeys, tenantId: string, secret: string): Buffer {
  return seal(keys.dataKey, Buffer.from(secret, 'utf8'), secretAad(tenantId));
}

/** Opens the sealed secret. */
export function openAppProxySecret(keys: TenantKeys, tenantId: string, sealed: Uint8Array): Buffer {
  return open(keys.dataKey, toBuffer(sealed), secretAad(tenantId));
}

/** The tenant's stored connection, as the update reads it. */
interface StoredShopify {
  shopify_shop_domain: string | null;
  shopify_app_proxy_secret: Uint8Array | null;
  shopify_session_key_id: string | null;
}

/**
 * Applies a `shopify` patch inside the tenant update's transaction: writes the columns, mints
 * the "Shopify app proxy" key the first time a secret is set (or when the last one was
 * revoked), and returns the audit changes (the secret as `[redacted]`).
 */
export async function updateShopifySettings(
  tx: Queryable,
  services: Pick<Services, 'ids' | 'clock' | 'keyring'>,
  tenantId: string,
  patch: ShopifySettingsPatch | null,
): Promise<FieldChange[]> {
  const { rows } = await tx.query<StoredShopify>(
    `SELECT shopify_shop_domain, shopify_app_proxy_secret, shopify_session_key_id
       FROM tenants WHERE id = $1`,
    [tenantId],
  );
  const before = rows[0]!;
  const changes: FieldChange[] = [];
  const domain =
    patch === null
      ? null
      : patch.shop_domain === undefined
        ? before.shopify_shop_domain
        : patch.shop_domain;
  if (domain !== before.shopify_shop_domain) {
    if (domain !== null) {
      const taken = await tx.query(
        'SELECT 1 FROM tenants WHERE shopify_shop_domain = $1 AND id <> $2',
        [domain, tenantId],
      );
      if (taken.rowCount > 0) {
        throw invalidField('shopify.shop_domain', 'is connected to another Loupe tenant');
      }
    }
    changes.push({
      field: 'shopify.shop_domain',
      before: before.shopify_shop_domain,
      after: domain,
    });
  }
  const secret = patch === null ? null : patch.app_proxy_secret;
  let sealed = before.shopify_app_proxy_secret;
  let sessionKeyId = before.shopify_session_key_id;
  if (secret !== undefined) {
    const keys = await services.keyring.forTenant(tx, tenantId);
    sealed = secret === null ? null : sealAppProxySecret(keys, tenantId, secret);
    // A new secret is a change even when one was set: the audit says so, never what it was.
    if (secret !== null || before.shopify_app_proxy_secret !== null) {
      changes.push({
        field: 'shopify.app_proxy_secret',
        before: before.shopify_app_proxy_secret ? REDACTED : null,
        after: secret === null ? null : REDACTED,
      });
    }
    if (secret !== null && !(await keyIsActive(tx, tenantId, sessionKeyId))) {
      const minted = await insertApiKey(tx, services, {
        tenantId,
        kind: 'secret',
        role: 'readonly',
        name: SHOPIFY_PROXY_KEY_NAME,
      });
      sessionKeyId = minted.row.id;
    }
  }
  if (changes.length === 0) return changes;
  await tx.query(
    `UPDATE tenants SET shopify_shop_domain = $2, shopify_app_proxy_secret = $3,
            shopify_session_key_id = $4
      WHERE id = $1`,
    [tenantId, domain, sealed, sessionKeyId],
  );
  return changes;
}

async function keyIsActive(tx: Queryable, tenantId: string, keyId: string | null) {
  if (!keyId) return false;
  const { rowCount } = await tx.query(
    'SELECT 1 FROM api_keys WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL',
    [tenantId, keyId],
  );
  return rowCount > 0;
}
