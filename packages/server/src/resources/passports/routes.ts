import { randomBytes } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import QRCode from 'qrcode';
import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { decodeTimeCursor, pageSchema, toPage } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import type { IdGenerator } from '../../core/ids.js';
import { normaliseEmail } from '../customers/normalise.js';
import { customerForSession } from '../customers/visibility.js';
import { emitEvent } from '../webhooks/emit.js';
import { passportCodeFromRandom } from './code.js';
import { nextStatus, ownerChangeRefusal, type StatusAction } from './lifecycle.js';
import { publicPassportRoutes } from './public.js';
import {
  CorrectOwnerBody,
  CreatePassportBody,
  Passport,
  PassportDetail,
  PassportListQuery,
  TransferPassportBody,
} from './schemas.js';
import {
  claimCode,
  insertPassport,
  insertTransfer,
  listPassportRows,
  listTransfers,
  type PassportRow,
  readPassport,
  setOwner,
  setStatus,
  toPassport,
  verifyUrl,
} from './store.js';

const ID = 'pas_01jd8x3k2m0000000000000000';
const TAGS = ['Passports'];

const createPassport = defineRoute({
  method: 'post',
  path: '/v1/passports',
  operationId: 'createPassport',
  tags: TAGS,
  summary: 'Issue a passport',
  description:
    'Issues a passport for a piece with a new public code (100 random bits and a check symbol) and `verify_url`, the public page its QR code points at. The owner is an email, not a customer: the customer whose email matches sees it in their Passports tab. `customer_id` and `sale_id` only record whom and with what sale it was issued. Audited as `passport.issued`.',
  permission: 'manage_passports',
  request: { body: jsonBody(CreatePassportBody) },
  responses: { 201: jsonResponse(PassportDetail, 'The new passport.') },
});

const listPassports = defineRoute({
  method: 'get',
  path: '/v1/passports',
  operationId: 'listPassports',
  tags: TAGS,
  summary: 'List passports',
  description: 'Newest first; `owner_email` matches ignoring case and spaces.',
  permission: 'view_customers',
  request: { query: PassportListQuery },
  responses: { 200: jsonResponse(pageSchema(Passport, 'PassportPage'), 'A page of passports.') },
});

const getPassport = defineRoute({
  method: 'get',
  path: '/v1/passports/{id}',
  operationId: 'getPassport',
  tags: TAGS,
  summary: 'Retrieve a passport',
  description: 'With its full ownership history (`transfers`, oldest first).',
  permission: 'view_customers',
  id: ID,
  responses: { 200: jsonResponse(PassportDetail, 'The passport.') },
  errors: ['not_found'],
});

const transferPassport = defineRoute({
  method: 'post',
  path: '/v1/passports/{id}/transfers',
  operationId: 'transferPassport',
  tags: TAGS,
  summary: 'Transfer to a new owner',
  description:
    'Records a change of owner: the history keeps from, to, when, who recorded it and the note, and the passport moves from the old owner’s Passports tab to the new one’s. Only an `active` passport changes hands (409 `passport_status_conflict` otherwise). To fix a mistyped email use `owner-corrections` instead: that is not a change of owner. Audited as `passport.transferred`.',
  permission: 'manage_passports',
  id: ID,
  request: { body: jsonBody(TransferPassportBody) },
  responses: { 201: jsonResponse(PassportDetail, 'The passport with its new owner.') },
  errors: ['not_found', 'passport_status_conflict'],
});

const correctOwner = defineRoute({
  method: 'post',
  path: '/v1/passports/{id}/owner-corrections',
  operationId: 'correctPassportOwner',
  tags: TAGS,
  summary: 'Correct the owner’s email',
  description:
    'Fixes an owner email that was recorded wrongly (a typo hides the passport from the customer’s Passports tab). Not a change of owner: `ownership_changes` and the transfer history stay as they are. Needs a `reason`; audited as `passport.owner_corrected` with the before and after. An archived passport answers 409 `passport_status_conflict`.',
  permission: 'manage_passports',
  id: ID,
  request: { body: jsonBody(CorrectOwnerBody) },
  responses: { 200: jsonResponse(PassportDetail, 'The passport with the corrected owner.') },
  errors: ['not_found', 'passport_status_conflict'],
});

const STATUS_ROUTES: Record<
  StatusAction,
  { segment: string; operationId: string; summary: string; description: string }
> = {
  report_stolen: {
    segment: 'report-stolen',
    operationId: 'reportPassportStolen',
    summary: 'Report stolen',
    description:
      '`active` → `reported_stolen`. The public page and verifier warn at once (their answers are revalidated on every request). Audited as `passport.reported_stolen`.',
  },
  recover: {
    segment: 'recover',
    operationId: 'recoverPassport',
    summary: 'Mark recovered',
    description: '`reported_stolen` → `active`. Audited as `passport.recovered`.',
  },
  archive: {
    segment: 'archive',
    operationId: 'archivePassport',
    summary: 'Archive',
    description:
      '`active` → `archived` (the piece is retired). A passport reported stolen must be recovered first, so the warning can’t be hidden by archiving. Audited as `passport.archived`.',
  },
};

const statusRoute = (action: StatusAction) => {
  const spec = STATUS_ROUTES[action];
  return defineRoute({
    method: 'post',
    path: `/v1/passports/{id}/${spec.segment}`,
    operationId: spec.operationId,
    tags: TAGS,
    summary: spec.summary,
    description: `${spec.description} A move the status doesn’t allow answers 409 \`passport_status_conflict\`.`,
    permission: 'manage_passports',
    id: ID,
    responses: { 200: jsonResponse(PassportDetail, 'The passport.') },
    errors: ['not_found', 'passport_status_conflict'],
  });
};

const passportQr = defineRoute({
  method: 'get',
  path: '/v1/passports/{id}/qr',
  operationId: 'getPassportQr',
  tags: TAGS,
  summary: 'QR code (SVG)',
  description:
    'An SVG QR code of the passport’s `verify_url`, for the certificate or a card that travels with the piece.',
  permission: 'view_customers',
  id: ID,
  responses: {
    200: {
      description: 'The QR code.',
      content: { 'image/svg+xml': { schema: z.string().openapi({ example: '<svg …' }) } },
    },
  },
  errors: ['not_found'],
});

/** Where browsers reach this server: `LOUPE_PUBLIC_URL`'s origin, or the request's own. */
export function publicOrigin(config: { publicOrigin: string | null }, requestUrl: string): string {
  return config.publicOrigin ?? new URL(requestUrl).origin;
}

async function detail(db: Queryable, tenantId: string, row: PassportRow, origin: string) {
  return { ...toPassport(row, origin), transfers: await listTransfers(db, tenantId, row.id) };
}

/** Locks the passport for a change; 404 when the tenant has none with this id. */
async function lockPassport(tx: Queryable, tenantId: string, id: string): Promise<PassportRow> {
  const row = await readPassport(tx, tenantId, id, true);
  if (!row) throw notFound('Passport');
  return row;
}

/** 422 on `customer_id` unless the credential sees a customer by that id who isn't erased. */
async function assertIssuableTo(db: Queryable, principal: TenantPrincipal, customerId: string) {
  const customer = await customerForSession(db, principal, customerId);
  if (!customer) throw invalidField('customer_id', 'no customer with this id');
  if (customer.erased) throw invalidField('customer_id', 'this customer was erased');
}

/** Issues a passport in `tx`, claiming a code no passport of any tenant holds. */
async function issue(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  body: CreatePassportBody,
  at: Date,
): Promise<PassportRow> {
  const tenantId = principal.tenant.id;
  const id = ids('passport');
  let code = passportCodeFromRandom(randomBytes(20));
  // A collision of 100 random bits is practically impossible; the directory's key decides.
  while (!(await claimCode(tx, code, tenantId, id))) {
    code = passportCodeFromRandom(randomBytes(20));
  }
  const row = await insertPassport(tx, {
    tenantId,
    id,
    code,
    title: body.title,
    jewelleryType: body.jewellery_type,
    description: body.description || null,
    metal: body.metal ?? null,
    stones: body.stones ?? [],
    images: body.images ?? [],
    ownerEmail: body.owner_email,
    customerId: body.customer_id ?? null,
    saleId: body.sale_id ?? null,
    at,
  });
  await recordAudit(tx, ids, {
    tenantId,
    actor: principal.actor,
    action: 'passport.issued',
    entityType: 'passport',
    entityId: id,
    changes: [
      { field: 'owner_email', before: null, after: row.owner_email },
      { field: 'status', before: null, after: row.status },
      ...(row.customer_id ? [{ field: 'customer_id', before: null, after: row.customer_id }] : []),
    ],
    at,
  });
  return row;
}

/** Everything under `/v1/passports` and the public verify route. */
export function passportRoutes() {
  let router = createRouter()
    .route('/', publicPassportRoutes())
    .openapi(createPassport, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const body = c.req.valid('json');
      if (body.customer_id) await assertIssuableTo(db, principal, body.customer_id);
      const tenantId = principal.tenant.id;
      const out = await db.transaction(async (tx) => {
        const row = await issue(tx, ids, principal, body, clock.now());
        return detail(tx, tenantId, row, publicOrigin(c.get('services').config, c.req.url));
      });
      return c.json(out, 201);
    })
    .openapi(listPassports, async (c) => {
      const principal = c.get('principal');
      const { owner_email, status, limit, cursor } = c.req.valid('query');
      const after = cursor ? decodeTimeCursor(cursor) : null;
      const rows = await listPassportRows(
        c.get('services').db,
        principal.tenant.id,
        { ownerEmail: owner_email, status },
        { limit, after: after && { issuedAt: after.createdAt, id: after.id } },
      );
      const origin = publicOrigin(c.get('services').config, c.req.url);
      return c.json(
        toPage(
          rows,
          limit,
          (r) => toPassport(r, origin),
          (r) => [new Date(r.issued_at).toISOString(), r.id],
        ),
        200,
      );
    })
    .openapi(getPassport, async (c) => {
      const tenantId = c.get('principal').tenant.id;
      const { db } = c.get('services');
      const row = await readPassport(db, tenantId, c.req.valid('param').id);
      if (!row) throw notFound('Passport');
      return c.json(
        await detail(db, tenantId, row, publicOrigin(c.get('services').config, c.req.url)),
        200,
      );
    })
    .openapi(transferPassport, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const tenantId = principal.tenant.id;
      const out = await db.transaction(async (tx) => {
        const current = await lockPassport(tx, tenantId, id);
        const refusal = ownerChangeRefusal(current.status);
        if (refusal) throw new ApiError('passport_status_conflict', refusal);
        if (
          current.owner_email &&
          normaliseEmail(current.owner_email) === normaliseEmail(body.to_email)
        ) {
          throw invalidField('to_email', 'is already the owner');
        }
        const at = clock.now();
        const row = await setOwner(tx, tenantId, id, body.to_email, at, true);
        const transferId = ids('passportTransfer');
        await insertTransfer(tx, {
          tenantId,
          id: transferId,
          passportId: id,
          from: current.owner_email,
          to: body.to_email,
          note: body.note || null,
          actor: principal.actor,
          at,
        });
        await recordAudit(tx, ids, {
          tenantId,
          actor: principal.actor,
          action: 'passport.transferred',
          entityType: 'passport',
          entityId: id,
          changes: [
            { field: 'owner_email', before: current.owner_email, after: row.owner_email },
            {
              field: 'ownership_changes',
              before: current.ownership_changes,
              after: row.ownership_changes,
            },
          ],
          at,
        });
        // Never the emails: a receiver reads the passport with its own key if it may.
        await emitEvent(tx, ids, {
          tenantId,
          type: 'passport.transferred',
          data: { passport_id: id, transfer_id: transferId },
          at,
        });
        return detail(tx, tenantId, row, publicOrigin(c.get('services').config, c.req.url));
      });
      return c.json(out, 201);
    })
    .openapi(correctOwner, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const tenantId = principal.tenant.id;
      const out = await db.transaction(async (tx) => {
        const current = await lockPassport(tx, tenantId, id);
        if (current.status === 'archived') {
          throw new ApiError(
            'passport_status_conflict',
            'An archived passport’s owner is not corrected.',
          );
        }
        const at = clock.now();
        const row = await setOwner(tx, tenantId, id, body.owner_email, at, false);
        await recordAudit(tx, ids, {
          tenantId,
          actor: principal.actor,
          action: 'passport.owner_corrected',
          entityType: 'passport',
          entityId: id,
          changes: [
            { field: 'owner_email', before: current.owner_email, after: row.owner_email },
            { field: 'reason', before: null, after: body.reason },
          ],
          at,
        });
        return detail(tx, tenantId, row, publicOrigin(c.get('services').config, c.req.url));
      });
      return c.json(out, 200);
    })
    .openapi(passportQr, async (c) => {
      const row = await readPassport(
        c.get('services').db,
        c.get('principal').tenant.id,
        c.req.valid('param').id,
      );
      if (!row) throw notFound('Passport');
      const svg = await QRCode.toString(
        verifyUrl(publicOrigin(c.get('services').config, c.req.url), row.code),
        {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        },
      );
      return c.body(svg, 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'private, max-age=3600',
      });
    });

  for (const action of ['report_stolen', 'recover', 'archive'] as const) {
    router = router.openapi(statusRoute(action), async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      const tenantId = principal.tenant.id;
      const out = await db.transaction(async (tx) => {
        const current = await lockPassport(tx, tenantId, id);
        const next = nextStatus(current.status, action);
        if (!next.ok)
          throw new ApiError('passport_status_conflict', next.reason, {
            extensions: { status: current.status },
          });
        const at = clock.now();
        const row = await setStatus(tx, tenantId, id, next.status, at);
        await recordAudit(tx, ids, {
          tenantId,
          actor: principal.actor,
          action: `passport.${action === 'report_stolen' ? 'reported_stolen' : action === 'recover' ? 'recovered' : 'archived'}`,
          entityType: 'passport',
          entityId: id,
          changes: [{ field: 'status', before: current.status, after: row.status }],
          at,
        });
        if (action === 'report_stolen') {
          await emitEvent(tx, ids, {
            tenantId,
            type: 'passport.reported_stolen',
            data: { passport_id: id },
            at,
          });
        }
        return detail(tx, tenantId, row, publicOrigin(c.get('services').config, c.req.url));
      });
      return c.json(out, 200);
    }) as typeof router;
  }
  return router;
}
