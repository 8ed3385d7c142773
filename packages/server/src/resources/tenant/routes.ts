import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import { RolePermissionsOverride } from '../../core/auth/permissions.js';
import {
  normaliseTenantRow,
  readTenant,
  TENANT_COLUMNS,
  type TenantSettings,
} from '../../core/auth/tenant-settings.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, invalidField } from '../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { startPhoneReindex } from '../customers/phone-reindex.js';
import {
  LaybyCancellationRefund,
  LoyaltySettingsPatch,
  MessageTemplatesPatch,
  Tenant,
  TenantFields,
  TimeZone,
  tenantToWire,
} from './schemas.js';
import { ShopifySettingsPatch, updateShopifySettings } from './shopify.js';

const UpdateTenantBody = TenantFields.extend({
  role_permissions: RolePermissionsOverride.nullable(),
  time_zone: TimeZone.nullable().openapi({
    description: 'An IANA zone; null goes back to the country’s default.',
  }),
  layby_cancellation_refund: LaybyCancellationRefund,
  loyalty: LoyaltySettingsPatch.openapi({
    description: 'The loyalty programme: the earning rate and the tiers (decision 0030).',
  }),
  message_templates: MessageTemplatesPatch.openapi({
    description:
      'The messages Loupe writes itself: a repair ready to collect, a wished-for piece in store. Plain text with `{{placeholders}}`; null for a kind goes back to the built-in text.',
  }),
  shopify: ShopifySettingsPatch.nullable().openapi({
    description:
      'The Shopify shop domain and the app’s shared secret (write-only) for the app proxy (decision 0036). Null disconnects the shop.',
  }),
})
  .partial()
  .strict()
  .openapi('UpdateTenantRequest');

const getTenant = defineRoute({
  method: 'get',
  path: '/v1/tenant',
  operationId: 'getTenant',
  tags: ['Tenant'],
  summary: 'The calling tenant’s settings',
  description:
    'Name, currency, country, the web origins allowed to call the API, any role-permission overrides, the layby-cancellation policy, the loyalty programme, the message templates and the Shopify connection (never its secret). The `ETag` header carries `version`, to send back as `If-Match` when updating.',
  credential: 'tenant',
  responses: { 200: jsonResponse(Tenant, 'The settings.') },
});

const updateTenant = defineRoute({
  method: 'patch',
  path: '/v1/tenant',
  operationId: 'updateTenant',
  tags: ['Tenant'],
  summary: 'Change the tenant’s settings',
  description: 'Partial: send only what changes.',
  permission: 'manage_settings',
  request: { headers: IfMatchHeader, body: jsonBody(UpdateTenantBody) },
  responses: { 200: jsonResponse(Tenant, 'The updated settings.') },
  errors: ['version_conflict'],
});

const AUDITED_FIELDS = [
  'name',
  'currency',
  'country',
  'allowed_origins',
  'role_permissions',
  'time_zone',
  'layby_cancellation_refund',
  'loyalty_points_per_unit',
  'loyalty_tiers',
  'message_templates',
] as const;

/** `GET /v1/tenant`, `PATCH /v1/tenant`. */
export function tenantRoutes() {
  return createRouter()
    .openapi(getTenant, async (c) => {
      const principal = c.get('principal');
      // Read fresh, not from the auth cache: settings pages should show what was just saved.
      const tenant = await readTenant(c.get('services').db, principal.tenant.id);
      if (!tenant) throw new ApiError('not_found', 'Tenant not found.');
      c.header('ETag', versionEtag(tenant.version));
      return c.json(tenantToWire(tenant), 200);
    })
    .openapi(updateTenant, async (c) => {
      const principal = c.get('principal');
      const patch = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock, caches } = c.get('services');
      let countryChanged = false;
      const updated = await db.transaction(async (tx) => {
        const { rows } = await tx.query<TenantSettings>(
          `SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1 FOR UPDATE`,
          [principal.tenant.id],
        );
        if (!rows[0]) throw new ApiError('not_found', 'Tenant not found.');
        const before = normaliseTenantRow(rows[0]);
        if (expectedVersion !== null && expectedVersion !== before.version) {
          throw new ApiError('version_conflict', 'The tenant changed since you read it.', {
            extensions: { current_version: before.version },
          });
        }
        const { loyalty, message_templates: templates, shopify, ...fields } = patch;
        const messageTemplates = { ...before.message_templates };
        for (const [kind, template] of Object.entries(templates ?? {})) {
          if (template === null) delete messageTemplates[kind];
          else if (template) messageTemplates[kind] = template;
        }
        const after: TenantSettings = {
          ...before,
          ...fields,
          ...(loyalty?.points_per_unit !== undefined
            ? { loyalty_points_per_unit: loyalty.points_per_unit }
            : {}),
          ...(loyalty?.tiers !== undefined ? { loyalty_tiers: loyalty.tiers } : {}),
          message_templates: messageTemplates,
        };
        if (after.currency !== before.currency && (await holdsMoney(tx, before.id))) {
          throw invalidField(
            'currency',
            'can’t change once sales or store credit have been recorded in it',
          );
        }
        const changes = diffFields(before, after, AUDITED_FIELDS);
        if (shopify !== undefined) {
          changes.push(...(await updateShopifySettings(tx, c.get('services'), before.id, shopify)));
        }
        if (changes.length === 0) return before;
        countryChanged = after.country !== before.country;
        const now = clock.now();
        const result = await tx.query<TenantSettings>(
          `UPDATE tenants
              SET name = $2, currency = $3, country = $4, allowed_origins = $5,
                  role_permissions = $6::text::jsonb, time_zone = $8,
                  layby_cancellation_refund = $9, loyalty_points_per_unit = $10,
                  loyalty_tiers = $11::text::jsonb, message_templates = $12::text::jsonb,
                  version = version + 1, updated_at = $7
            WHERE id = $1
            RETURNING ${TENANT_COLUMNS}`,
          [
            before.id,
            after.name,
            after.currency,
            after.country,
            after.allowed_origins,
            after.role_permissions === null ? null : JSON.stringify(after.role_permissions),
            now,
            after.time_zone,
            after.layby_cancellation_refund,
            after.loyalty_points_per_unit,
            after.loyalty_tiers === null ? null : JSON.stringify(after.loyalty_tiers),
            JSON.stringify(after.message_templates),
          ],
        );
        await recordAudit(tx, ids, {
          tenantId: before.id,
          actor: principal.actor,
          action: 'tenant.updated',
          entityType: 'tenant',
          entityId: before.id,
          changes,
          at: now,
        });
        return normaliseTenantRow(result.rows[0]!);
      });
      caches.tenants.invalidate(updated.id);
      // Phones are indexed under the country: re-index them, in the background (bounded batches).
      if (countryChanged) startPhoneReindex(c.get('services'), updated.id);
      c.header('ETag', versionEtag(updated.version));
      return c.json(tenantToWire(updated), 200);
    });
}

/** Money already recorded is in the tenant's currency; changing it would mix currencies. */
async function holdsMoney(tx: Queryable, tenantId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM store_credit_transactions WHERE tenant_id = $1)
        OR EXISTS (SELECT 1 FROM sales WHERE tenant_id = $1)`,
    [tenantId],
  );
  return rowCount > 0;
}
