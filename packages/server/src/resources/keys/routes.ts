import { z } from '@hono/zod-openapi';
import { recordAudit } from '../../core/audit/record.js';
import { Role, roleAtLeast } from '../../core/auth/permissions.js';
import { toBuffer } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { listOldestFirst, PageQuery, pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { capitalise, withArticle } from '../../core/words.js';
import { branchExists } from '../branches/store.js';
import { API_KEY_COLUMNS, type ApiKeyRow, insertApiKey } from './store.js';

const ApiKey = z
  .object({
    id: z.string().openapi({ example: 'key_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    kind: z.enum(['secret', 'publishable']),
    role: Role.nullable(),
    branch_id: z.string().nullable(),
    name: z.string().nullable(),
    last4: z.string().openapi({ description: 'Last four characters, to tell keys apart.' }),
    created_at: z.string().datetime(),
    revoked_at: z.string().datetime().nullable(),
  })
  .openapi('ApiKey');

const CreatedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: 'The secret key. Shown once.', example: 'sk_live_…' }),
}).openapi('CreatedApiKey');

const CreateKeyBody = z
  .object({
    role: Role,
    branch_id: z.string().max(64).nullable().optional().openapi({
      description: 'Limit the key to customers of this branch (and those with no branch).',
    }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .openapi({ example: 'POS terminal 2' }),
  })
  .strict()
  .openapi('CreateApiKeyRequest');

const toWire = (r: ApiKeyRow) => ({
  id: r.id,
  kind: r.kind,
  role: r.role,
  branch_id: r.branch_id,
  name: r.name,
  last4: r.last4,
  created_at: new Date(r.created_at).toISOString(),
  revoked_at: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

const createKey = defineRoute({
  method: 'post',
  path: '/v1/keys',
  operationId: 'createKey',
  tags: ['Tenant'],
  summary: 'Mint a secret key',
  description:
    'A key can’t out-rank the credential minting it, and a branch-limited credential only mints keys for its branch.',
  permission: 'manage_keys',
  request: { body: jsonBody(CreateKeyBody) },
  responses: { 201: jsonResponse(CreatedApiKey, 'The key, shown once.') },
});

const listKeys = defineRoute({
  method: 'get',
  path: '/v1/keys',
  operationId: 'listKeys',
  tags: ['Tenant'],
  summary: 'List keys (never their secrets), oldest first',
  description:
    'Secret and publishable keys, revoked ones included, each with its last four characters to tell it apart.',
  permission: 'manage_keys',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(pageSchema(ApiKey, 'ApiKeyPage'), 'A page of keys.') },
});

const revokeKey = defineRoute({
  method: 'delete',
  path: '/v1/keys/{id}',
  operationId: 'revokeKey',
  tags: ['Tenant'],
  summary: 'Revoke a key',
  description:
    'Takes effect at once on this instance; other instances stop accepting it within 30 s.',
  permission: 'manage_keys',
  id: 'key_01j9z3k4m5n6p7q8r9s0t1v2w3',
  responses: { 200: jsonResponse(ApiKey, 'The revoked key.') },
  errors: ['not_found'],
});

/** `POST/GET /v1/keys`, `DELETE /v1/keys/{id}`. */
export function keyRoutes() {
  return createRouter()
    .openapi(createKey, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      if (principal.role && !roleAtLeast(principal.role, body.role)) {
        throw new ApiError(
          'permission_denied',
          `${capitalise(withArticle(principal.role))} credential can’t mint ${withArticle(body.role)} key.`,
        );
      }
      const branchId = body.branch_id ?? principal.branchId;
      if (principal.branchId && branchId !== principal.branchId) {
        throw new ApiError(
          'permission_denied',
          'A branch-limited credential only mints keys for its branch.',
        );
      }
      const { db, ids, clock } = c.get('services');
      const created = await db.transaction(async (tx) => {
        if (branchId && !(await branchExists(tx, principal.tenant.id, branchId))) {
          throw invalidField('branch_id', 'is not a branch of this tenant');
        }
        const result = await insertApiKey(tx, c.get('services'), {
          tenantId: principal.tenant.id,
          kind: 'secret',
          role: body.role,
          branchId,
          name: body.name ?? null,
        });
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'key.created',
          entityType: 'api_key',
          entityId: result.row.id,
          changes: [
            { field: 'role', before: null, after: body.role },
            ...(branchId ? [{ field: 'branch_id', before: null, after: branchId }] : []),
          ],
          at: clock.now(),
        });
        return result;
      });
      return c.json({ ...toWire(created.row), key: created.key }, 201);
    })
    .openapi(listKeys, async (c) => {
      const from = {
        table: 'api_keys',
        columns: API_KEY_COLUMNS,
        tenantId: c.get('principal').tenant.id,
      };
      const page = await listOldestFirst(c.get('services').db, from, c.req.valid('query'), toWire);
      return c.json(page, 200);
    })
    .openapi(revokeKey, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, ids, clock, caches } = c.get('services');
      const now = clock.now();
      const revoked = await db.transaction(async (tx) => {
        const { rows } = await tx.query<ApiKeyRow & { key_hash: Uint8Array }>(
          `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
            WHERE tenant_id = $1 AND id = $2
            RETURNING ${API_KEY_COLUMNS}, key_hash`,
          [principal.tenant.id, id, now],
        );
        const row = rows[0];
        if (!row) throw notFound('Key');
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'key.revoked',
          entityType: 'api_key',
          entityId: id,
          changes: [
            { field: 'revoked_at', before: null, after: new Date(row.revoked_at!).toISOString() },
          ],
          at: now,
        });
        return row;
      });
      const hex = toBuffer(revoked.key_hash).toString('hex');
      // Here and on every other instance (sessions minted by the key check activeKeys).
      caches.apiKeys.invalidate(hex);
      caches.principals.invalidate(hex);
      caches.activeKeys.invalidate(id);
      const { key_hash: _hash, ...row } = revoked;
      return c.json(toWire(row), 200);
    });
}
