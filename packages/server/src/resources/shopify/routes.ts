/**
 * `GET /shopify/app-proxy/session`: the storefront's way to a customer session without a key
 * in the theme (decision 0036). The shop's theme asks `/apps/loupe/session`; Shopify's app
 * proxy forwards it here with the shop, the signed-in customer's Shopify id and a timestamp,
 * signed with the app's shared secret. A genuine, fresh, first-seen request for a customer
 * Loupe knows by that Shopify id answers a short-lived, read-only customer session.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError, notFound } from '../../core/errors.js';
import type { AppEnv } from '../../core/hono-env.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import type { Services } from '../../core/services.js';
import { customerIdByExternalId } from '../customers/external-ids.js';
import { openAppProxySecret } from '../tenant/shopify.js';
import { readProxyQuery, signatureMatches } from './signature.js';

/** The path Shopify's app proxy URL points at (the proxy appends `/session`). */
export const APP_PROXY_PATH = '/shopify/app-proxy';
/** A storefront session lives this long; the widgets ask again (`fetchToken`) when it ends. */
export const APP_PROXY_SESSION_TTL_SECONDS = 15 * 60;

/** Why a request was refused: the metric's `reason` label. */
export type RefusalReason =
  | 'unsigned'
  | 'unknown_shop'
  | 'forged'
  | 'stale'
  | 'replayed'
  | 'not_logged_in'
  | 'no_customer'
  | 'key_revoked';

/**
 * Documented, not validated: the handler reads the raw query itself, so a malformed one (a
 * repeated parameter) is refused, and counted, like any other forgery rather than as a 422.
 */
const param = (doc: { description?: string; example?: string }) =>
  z
    .any()
    .optional()
    .openapi({ type: 'string', ...doc });

const ProxyQueryParams = z.object({
  shop: param({
    description: 'The shop’s myshopify.com domain; names the tenant.',
    example: 'harlow-finch.myshopify.com',
  }),
  logged_in_customer_id: param({
    description: 'The signed-in customer’s Shopify id; empty when nobody is signed in.',
    example: '7421904381',
  }),
  path_prefix: param({ example: '/apps/loupe' }),
  timestamp: param({ description: 'Unix seconds.', example: '1764739200' }),
  signature: param({
    description:
      'Lower-case hex HMAC-SHA256, keyed with the app’s shared secret, of every other parameter as `key=value` (repeated keys’ values joined by `,`), sorted and concatenated.',
  }),
});

const AppProxySession = z
  .object({
    token: z
      .string()
      .openapi({ description: 'A customer session: `Authorization: Bearer <token>`.' }),
    expires_at: z.string().datetime(),
  })
  .openapi('AppProxySession');

const appProxySession = defineRoute({
  method: 'get',
  path: `${APP_PROXY_PATH}/session`,
  operationId: 'createAppProxySession',
  tags: ['Integrations'],
  summary: 'A customer session for the shopper signed in to the Shopify storefront',
  description: [
    'For Shopify’s app proxy, not for API clients: set the app’s proxy URL to `<loupe>/shopify/app-proxy` (subpath `loupe`), and the theme’s `fetch("/apps/loupe/session")` arrives here signed. The tenant is the one whose `shopify.shop_domain` is the `shop` parameter; the signature is checked with its `shopify.app_proxy_secret` (`PATCH /v1/tenant`).',
    `Answers a read-only customer session for the customer whose \`external_ids.shopify\` is \`logged_in_customer_id\` (a merged record’s survivor), valid ${APP_PROXY_SESSION_TTL_SECONDS / 60} minutes. A missing, malformed or wrong signature, an unknown shop, a \`timestamp\` outside the freshness window (\`LOUPE_SHOPIFY_APP_PROXY_MAX_AGE_SECONDS\`, 300 by default) or a signature already used answers 401 \`invalid_signature\`; nobody signed in, 401 \`unauthenticated\`; no customer with that Shopify id, 404. Each refusal is counted in \`loupe_shopify_app_proxy_refused_total\` by reason. Add a random parameter (\`?nonce=…\`) to each request so two within one second don't share a signature.`,
  ].join('\n\n'),
  credential: 'none',
  request: { query: ProxyQueryParams },
  responses: { 200: jsonResponse(AppProxySession, 'The customer session.') },
  errors: ['invalid_signature', 'not_found'],
});

/** `GET /shopify/app-proxy/session`. Mounted outside `/v1`: Shopify, not a credential, calls it. */
export function shopifyRoutes() {
  return createRouter().openapi(appProxySession, async (c) => {
    const services = c.get('services');
    const session = await mintProxySession(c, services);
    c.header('Cache-Control', 'no-store');
    return c.json(session, 200);
  });
}

/** The tenant a shop domain is connected to, with its sealed secret and session key. */
interface ConnectedShop {
  id: string;
  shopify_app_proxy_secret: Uint8Array | null;
  shopify_session_key_id: string | null;
  key_active: boolean;
}

async function mintProxySession(c: Context<AppEnv>, services: Services) {
  const refuse = (reason: RefusalReason, error: ApiError): never => {
    services.metrics?.refuseShopifyAppProxy(reason);
    throw error;
  };
  const forged = (reason: RefusalReason, detail: string) =>
    refuse(reason, new ApiError('invalid_signature', detail));

  const query = readProxyQuery(new URL(c.req.url).search);
  if (!query.has('signature'))
    forged('unsigned', 'The request is not signed by Shopify’s app proxy.');
  const shop = single(query, 'shop')?.toLowerCase();
  const tenant = shop ? await connectedShop(services, shop) : null;
  if (!tenant?.shopify_app_proxy_secret) {
    forged('unknown_shop', 'No Loupe tenant is connected to this shop.');
  }
  const { db, keyring, clock, config } = services;
  const keys = await keyring.forTenant(db, tenant!.id);
  const secret = openAppProxySecret(keys, tenant!.id, tenant!.shopify_app_proxy_secret!);
  if (!signatureMatches(secret, query)) {
    forged('forged', 'The signature does not match the request.');
  }
  // Checked after the signature, so only Shopify's own timestamps are judged.
  const nowSeconds = Math.floor(clock.now().getTime() / 1000);
  const timestamp = single(query, 'timestamp');
  const maxAge = config.shopifyAppProxyMaxAgeSeconds;
  if (
    !timestamp ||
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(nowSeconds - Number(timestamp)) > maxAge
  ) {
    forged(
      'stale',
      `The request’s timestamp is more than ${maxAge} seconds from the server’s clock.`,
    );
  }
  // Remembered for twice the window: a timestamp may be up to `maxAge` ahead of the clock.
  const signature = single(query, 'signature')!.toLowerCase();
  if (!(await services.replayGuard.firstSeen(`shopify:${tenant!.id}:${signature}`, maxAge * 2))) {
    forged('replayed', 'This signed request was already used.');
  }
  const shopifyCustomerId = single(query, 'logged_in_customer_id');
  if (!shopifyCustomerId) {
    refuse(
      'not_logged_in',
      new ApiError('unauthenticated', 'Nobody is signed in to the shop: no customer session.'),
    );
  }
  if (!tenant!.key_active) {
    refuse(
      'key_revoked',
      new ApiError(
        'permission_denied',
        'The “Shopify app proxy” key was revoked; set the app proxy secret again to reconnect.',
      ),
    );
  }
  const customerId = await resolveCustomer(services, tenant!.id, shopifyCustomerId!);
  if (!customerId) refuse('no_customer', notFound('Customer with this Shopify id'));

  const exp = nowSeconds + APP_PROXY_SESSION_TTL_SECONDS;
  const token = services.sessions.sign({
    sid: services.ids('session'),
    tenant_id: tenant!.id,
    kid: tenant!.shopify_session_key_id!,
    kind: 'customer',
    customer_id: customerId!,
    exp,
  });
  return { token, expires_at: new Date(exp * 1000).toISOString() };
}

/** A parameter sent once; null when absent or repeated (a repeat is never what Shopify sends). */
function single(query: Map<string, string[]>, key: string): string | null {
  const values = query.get(key);
  return values?.length === 1 ? values[0]! : null;
}

async function connectedShop(services: Services, shop: string): Promise<ConnectedShop | null> {
  const { rows } = await services.db.query<ConnectedShop>(
    `SELECT t.id, t.shopify_app_proxy_secret, t.shopify_session_key_id,
            (k.revoked_at IS NULL AND k.id IS NOT NULL) AS key_active
       FROM tenants t
       LEFT JOIN api_keys k ON k.tenant_id = t.id AND k.id = t.shopify_session_key_id
      WHERE t.shopify_shop_domain = $1`,
    [shop],
  );
  return rows[0] ?? null;
}

/**
 * The live customer holding the Shopify id: a merged record's survivor (chains are one hop,
 * decision 0020); none when erased (erasure clears the ids anyway).
 */
async function resolveCustomer(
  services: Services,
  tenantId: string,
  shopifyCustomerId: string,
): Promise<string | null> {
  const holder = await customerIdByExternalId(services.db, tenantId, 'shopify', shopifyCustomerId);
  if (!holder) return null;
  const { rows } = await services.db.query<{ id: string; erased: boolean }>(
    `SELECT c.id, c.erased_at IS NOT NULL AS erased FROM customers c
      WHERE c.tenant_id = $1
        AND c.id = (SELECT COALESCE(merged_into, id) FROM customers WHERE tenant_id = $1 AND id = $2)`,
    [tenantId, holder],
  );
  const live = rows[0];
  return live && !live.erased ? live.id : null;
}
