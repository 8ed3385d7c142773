import { z } from '@hono/zod-openapi';
import type { FieldChange } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { listOldestFirst, PageQuery, pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { WEBHOOK_EVENT_SCHEMAS, WEBHOOK_EVENT_TYPES } from './events.js';
import {
  CreateWebhookEndpointBody,
  RotateWebhookSecretBody,
  UpdateWebhookEndpointBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './schemas.js';
import { newSigningSecret, sealSecret } from './signing.js';
import {
  deleteEndpoint,
  ENDPOINT_COLUMNS,
  type EndpointRow,
  endpointToWire,
  insertEndpoint,
  listDeliveries,
  lockEndpoint,
  readEndpoint,
  rotateEndpointSecret,
  updateEndpoint,
} from './store.js';
import { endpointUrlProblem } from './url-guard.js';

const TAGS = ['Webhooks'];
const ID = 'whe_01j9z3k4m5n6p7q8r9s0t1v2w3';
const DAY_SECONDS = 24 * 3600;

const createEndpoint = defineRoute({
  method: 'post',
  path: '/v1/webhook-endpoints',
  operationId: 'createWebhookEndpoint',
  tags: TAGS,
  summary: 'Register a webhook endpoint',
  description:
    'Deliveries follow Standard Webhooks: a JSON body `{ id, type, timestamp, data }` with `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, retried with exponential backoff for a day until the receiver answers 2xx. The signing secret is in this answer only (and in a rotation’s). A URL that isn’t `https://` or points at a loopback, link-local or private address answers 422 on `url`.',
  permission: 'manage_settings',
  request: { body: jsonBody(CreateWebhookEndpointBody) },
  responses: { 201: jsonResponse(WebhookEndpointWithSecret, 'The endpoint, with its secret.') },
});

const listEndpoints = defineRoute({
  method: 'get',
  path: '/v1/webhook-endpoints',
  operationId: 'listWebhookEndpoints',
  tags: TAGS,
  summary: 'List webhook endpoints, oldest first',
  description: 'Never their secrets.',
  permission: 'manage_settings',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(WebhookEndpoint, 'WebhookEndpointPage'), 'A page of endpoints.'),
  },
});

const getEndpoint = defineRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{id}',
  operationId: 'getWebhookEndpoint',
  tags: TAGS,
  summary: 'A webhook endpoint',
  description: 'Never its secret. The ETag is the version.',
  permission: 'manage_settings',
  id: ID,
  responses: { 200: jsonResponse(WebhookEndpoint, 'The endpoint.') },
  errors: ['not_found'],
});

const patchEndpoint = defineRoute({
  method: 'patch',
  path: '/v1/webhook-endpoints/{id}',
  operationId: 'updateWebhookEndpoint',
  tags: TAGS,
  summary: 'Change a webhook endpoint',
  description:
    'The URL, the event types, the description, or `enabled`. Event types apply to events from now on; deliveries already queued keep going. With `If-Match`, a stale version answers 412 `version_conflict`.',
  permission: 'manage_settings',
  id: ID,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateWebhookEndpointBody) },
  responses: { 200: jsonResponse(WebhookEndpoint, 'The endpoint.') },
  errors: ['not_found', 'version_conflict'],
});

const removeEndpoint = defineRoute({
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
  operationId: 'deleteWebhookEndpoint',
  tags: TAGS,
  summary: 'Delete a webhook endpoint',
  description: 'With its delivery log; deliveries not yet made are dropped.',
  permission: 'manage_settings',
  id: ID,
  responses: { 204: { description: 'Deleted.' } },
  errors: ['not_found'],
});

const rotateSecret = defineRoute({
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/rotate-secret',
  operationId: 'rotateWebhookEndpointSecret',
  tags: TAGS,
  summary: 'Rotate an endpoint’s signing secret',
  description:
    'A new secret, shown only in this answer. Deliveries carry a signature by the old secret too for `keep_previous_for_seconds` (a day by default), so the receiver can switch over without missing one.',
  permission: 'manage_settings',
  id: ID,
  request: {
    body: { ...jsonBody(RotateWebhookSecretBody), required: false },
  },
  responses: { 200: jsonResponse(WebhookEndpointWithSecret, 'The endpoint, with its new secret.') },
  errors: ['not_found'],
});

const listEndpointDeliveries = defineRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags: TAGS,
  summary: 'An endpoint’s delivery log, newest first',
  description:
    'Every event queued for the endpoint: its status, attempts (each with the receiver’s status code or the error), and when the next attempt is due.',
  permission: 'manage_settings',
  id: ID,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(WebhookDelivery, 'WebhookDeliveryPage'), 'A page of deliveries.'),
  },
  errors: ['not_found'],
});

const SignatureHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id; the same on every attempt.' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt.' }),
  'webhook-signature': z.string().openapi({
    description:
      '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the base64-decoded part of the secret after `whsec_`; two, space-separated, for a day after a rotation.',
  }),
});

/**
 * The deliveries, as the OpenAPI document's `webhooks` (what a receiver is sent). Registered
 * on the app itself: a mounted router's webhooks would be renamed as paths (`/sale.created`).
 */
export function describeWebhookDeliveries(app: ReturnType<typeof createRouter>): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `${type.replace(/[._](\w)/g, (_m, c: string) => c.toUpperCase())}Webhook`,
      tags: TAGS,
      summary: `The \`${type}\` event`,
      description:
        'POSTed to every enabled endpoint subscribed to it, signed per Standard Webhooks. Any 2xx acknowledges it; anything else, or no answer within 15 s, is retried with backoff for a day.',
      request: { headers: SignatureHeaders, body: jsonBody(WEBHOOK_EVENT_SCHEMAS[type]) },
      responses: { 200: { description: 'Received (any 2xx).' } },
    });
  }
}

/** `/v1/webhook-endpoints` (decision 0037). */
export function webhookEndpointRoutes() {
  return createRouter()
    .openapi(createEndpoint, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock, keyring, config } = c.get('services');
      checkUrl(body.url, config.webhooks.allowPrivate);
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const id = ids('webhookEndpoint');
      const secret = newSigningSecret();
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const created = await insertEndpoint(tx, {
          tenantId: principal.tenant.id,
          id,
          url: body.url,
          description: body.description ?? null,
          eventTypes: body.event_types,
          enabled: body.enabled ?? true,
          secret: sealSecret(keys, id, secret),
          at: now,
        });
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'webhook_endpoint.created',
          entityType: 'webhook_endpoint',
          entityId: id,
          changes: diff(null, created),
          at: now,
        });
        return created;
      });
      return c.json({ ...endpointToWire(row), secret }, 201);
    })
    .openapi(listEndpoints, async (c) => {
      const from = {
        table: 'webhook_endpoints',
        columns: ENDPOINT_COLUMNS,
        tenantId: c.get('principal').tenant.id,
      };
      const page = await listOldestFirst(
        c.get('services').db,
        from,
        c.req.valid('query'),
        endpointToWire,
      );
      return c.json(page, 200);
    })
    .openapi(getEndpoint, async (c) => {
      const row = await readEndpoint(
        c.get('services').db,
        c.get('principal').tenant.id,
        c.req.valid('param').id,
      );
      if (!row) throw notFound('Webhook endpoint');
      c.header('ETag', versionEtag(row.version));
      return c.json(endpointToWire(row), 200);
    })
    .openapi(patchEndpoint, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const expected = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock, config } = c.get('services');
      if (patch.url !== undefined) checkUrl(patch.url, config.webhooks.allowPrivate);
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const current = await lockEndpoint(tx, principal.tenant.id, id);
        if (!current) throw notFound('Webhook endpoint');
        if (expected !== null && expected !== current.version) {
          throw new ApiError('version_conflict', 'The endpoint changed since you read it.', {
            extensions: { current_version: current.version },
          });
        }
        const next = {
          url: patch.url ?? current.url,
          description: patch.description !== undefined ? patch.description : current.description,
          event_types: patch.event_types ?? current.event_types,
          enabled: patch.enabled ?? current.enabled,
        };
        const changes = diff(current, next);
        if (changes.length === 0) return current;
        const updated = await updateEndpoint(tx, principal.tenant.id, id, next, now);
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'webhook_endpoint.updated',
          entityType: 'webhook_endpoint',
          entityId: id,
          changes,
          at: now,
        });
        return updated;
      });
      c.header('ETag', versionEtag(row.version));
      return c.json(endpointToWire(row), 200);
    })
    .openapi(removeEndpoint, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, ids, clock } = c.get('services');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const current = await lockEndpoint(tx, principal.tenant.id, id);
        if (!current) throw notFound('Webhook endpoint');
        await deleteEndpoint(tx, principal.tenant.id, id);
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'webhook_endpoint.deleted',
          entityType: 'webhook_endpoint',
          entityId: id,
          changes: diff(current, null),
          at: now,
        });
      });
      return c.body(null, 204);
    })
    .openapi(rotateSecret, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      const { db, ids, clock, keyring } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const secret = newSigningSecret();
      const now = clock.now();
      const keepFor = body.keep_previous_for_seconds ?? DAY_SECONDS;
      const previousUntil = keepFor > 0 ? new Date(now.getTime() + keepFor * 1000) : null;
      const row = await db.transaction(async (tx) => {
        if (!(await lockEndpoint(tx, principal.tenant.id, id))) throw notFound('Webhook endpoint');
        const rotated = await rotateEndpointSecret(
          tx,
          principal.tenant.id,
          id,
          sealSecret(keys, id, secret),
          previousUntil,
          now,
        );
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'webhook_endpoint.secret_rotated',
          entityType: 'webhook_endpoint',
          entityId: id,
          // Never the secret: only that it changed, and until when the old one still signs.
          changes: [
            {
              field: 'previous_secret_expires_at',
              before: null,
              after: previousUntil?.toISOString() ?? null,
            },
          ],
          at: now,
        });
        return rotated;
      });
      return c.json({ ...endpointToWire(row), secret }, 200);
    })
    .openapi(listEndpointDeliveries, async (c) => {
      const tenantId = c.get('principal').tenant.id;
      const { id } = c.req.valid('param');
      const { db } = c.get('services');
      if (!(await readEndpoint(db, tenantId, id))) throw notFound('Webhook endpoint');
      return c.json(await listDeliveries(db, tenantId, id, c.req.valid('query')), 200);
    });
}

/** 422 on `url` for a URL deliveries may not go to. */
function checkUrl(url: string, allowPrivate: boolean): void {
  const problem = endpointUrlProblem(url, allowPrivate);
  if (problem) throw invalidField('url', problem);
}

type Settings = Pick<EndpointRow, 'url' | 'description' | 'event_types' | 'enabled'>;

/** The audited fields that differ (the URL included: it names a system, not a person). */
function diff(before: Settings | null, after: Settings | null): FieldChange[] {
  const fields = ['url', 'description', 'event_types', 'enabled'] as const;
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = before?.[field] ?? null;
    const b = after?.[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}
