import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Queryable } from '../db/types.js';
import { ApiError, invalidField } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

/** How long a stored response is replayed. */
const RETAIN_MS = 24 * 60 * 60 * 1000;
/** An in-flight claim older than this is treated as abandoned (its process died). */
const ABANDONED_MS = 60 * 1000;
/**
 * `request_hash` of a key whose customer was erased: no SHA-256 (base64url) looks like it,
 * so any request with the key, whatever its body, is answered `customer_erased`.
 */
const ERASED_REQUEST_HASH = 'erased';
/** `/v1/customers/{id}/…`: the customer a request is about, when its path names one. */
const CUSTOMER_PATH = /^\/v1\/customers\/(cus_[^/]+)/;

interface StoredKey {
  request_hash: string;
  response_status: number | null;
  response_body: Uint8Array | null;
  response_content_type: string | null;
  created_at: Date;
}

/** Where a stored response belongs: the tenant, the credential that made it, and the path. */
interface Scope {
  /** The tenant, or '' for the platform key. */
  tenantId: string;
  /** A secret key's id, a session's own id, or 'platform'. */
  credentialId: string;
  path: string;
  key: string;
}

/** Statuses that say the caller wasn't let in: never stored, never replayed to anyone. */
const REFUSED = new Set([401, 403]);

/**
 * `Idempotency-Key` on a POST, as route middleware after the route's access check (see
 * `defineRoute`), so a record is only ever replayed to a credential allowed to make the
 * request. Records belong to the credential that made the request and to its path
 * (decision 0013):
 * - first use: the key is claimed, the request runs, and its response is stored;
 * - same credential, path, key and body again: the stored status and body are replayed
 *   (`Idempotency-Replayed: true`);
 * - same key, another body: 409 `idempotency_key_reused`;
 * - same key while the first is still running: 409 `idempotency_key_in_use` (retry later);
 * - a 5xx, 401 or 403 releases the key: a server fault runs again on retry, and a refusal is
 *   never stored;
 * - once the customer a stored response is about is erased, the key answers 409
 *   `customer_erased` instead of replaying (see `retireResponsesAboutCustomer`).
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    const principal = c.get('principal');
    // Public routes don't use it: an anonymous caller has no credential to own a record.
    if (c.req.method !== 'POST' || key === undefined || !principal) return next();
    if (key.length < 1 || key.length > 255) {
      throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');
    }
    const { db, clock, keyring } = c.get('services');
    const scope: Scope =
      principal.kind === 'platform'
        ? { tenantId: '', credentialId: 'platform', path: c.req.path, key }
        : { tenantId: principal.tenant.id, credentialId: principal.scope, path: c.req.path, key };
    const where = 'tenant_id = $1 AND credential_id = $2 AND path = $3 AND key = $4';
    const scopeParams = [scope.tenantId, scope.credentialId, scope.path, scope.key];
    // The bytes as sent: reading `text()` first would leave a CSV in another charset already
    // decoded as UTF-8 for the route (Hono caches the first read).
    const body = new Uint8Array(await c.req.arrayBuffer());
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n`)
      .update(withoutBoundary(body, c.req.header('content-type')))
      .digest('base64url');
    const now = clock.now();
    const aad = `idempotency:${scope.tenantId}:${scope.credentialId}:${scope.path}:${key}`;
    // Recorded from the claim on, so an erase that runs meanwhile retires this key too.
    const pathCustomerId = scope.tenantId ? (CUSTOMER_PATH.exec(c.req.path)?.[1] ?? null) : null;

    // A record from before credential scoping (credential_id '') blocks its key: it can't be
    // replayed to anyone, and running the request again might do it twice.
    const claimed = await db.query(
      `INSERT INTO idempotency_keys
              (tenant_id, credential_id, path, key, request_hash, customer_id, created_at)
       SELECT $1, $2, $3, $4, $5, $6, $7
        WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys
                           WHERE tenant_id = $1 AND credential_id = '' AND path = '' AND key = $4)
       ON CONFLICT (tenant_id, credential_id, path, key) DO NOTHING`,
      [...scopeParams, requestHash, pathCustomerId, now],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await db.query<StoredKey>(
        `SELECT request_hash, response_status, response_body, response_content_type, created_at
           FROM idempotency_keys WHERE ${where}`,
        scopeParams,
      );
      const stored = rows[0];
      if (!stored) {
        throw reused(
          'This Idempotency-Key was used before this server scoped keys by credential; send a new one.',
        );
      }
      const age = now.getTime() - new Date(stored.created_at).getTime();
      const stale = age > RETAIN_MS || (stored.response_status === null && age > ABANDONED_MS);
      if (stale) {
        // Take the key over; the WHERE makes sure only one concurrent retry wins it.
        const takeover = await db.query(
          `UPDATE idempotency_keys
              SET request_hash = $5, response_status = NULL, response_body = NULL,
                  response_content_type = NULL, customer_id = $6, created_at = $7
            WHERE ${where} AND created_at = $8`,
          [...scopeParams, requestHash, pathCustomerId, now, stored.created_at],
        );
        if (takeover.rowCount === 0) throw inUse();
      } else if (stored.request_hash === ERASED_REQUEST_HASH) {
        throw new ApiError(
          'customer_erased',
          'The customer this Idempotency-Key was used for has been erased; its response is no longer kept.',
        );
      } else if (stored.request_hash !== requestHash) {
        throw reused('This Idempotency-Key was already used with a different request body.');
      } else if (stored.response_status === null) {
        throw inUse();
      } else {
        const replayBody = stored.response_body
          ? keyring.openStoredResponse(stored.response_body, aad)
          : null;
        return new Response(replayBody, {
          status: stored.response_status,
          headers: {
            'Content-Type': stored.response_content_type ?? 'application/json',
            'Idempotency-Replayed': 'true',
          },
        });
      }
    }

    await next();

    if (c.res.status >= 500 || REFUSED.has(c.res.status)) {
      await db.query(`DELETE FROM idempotency_keys WHERE ${where}`, scopeParams);
      return;
    }
    const responseBody = await c.res.clone().text();
    // `response_status IS NULL`: an erase that retired this key meanwhile keeps it retired.
    await db.query(
      `UPDATE idempotency_keys
          SET response_status = $5, response_body = $6, response_content_type = $7,
              customer_id = COALESCE(customer_id, $8)
        WHERE ${where} AND response_status IS NULL`,
      [
        ...scopeParams,
        c.res.status,
        keyring.sealStoredResponse(responseBody, aad),
        c.res.headers.get('content-type'),
        c.get('subjectCustomerId') ?? null,
      ],
    );
  };
}

/** The erase request's own record, which erasing leaves replayable. */
export interface OwnIdempotencyRecord {
  credentialId: string;
  path: string;
  key: string;
}

/**
 * Part of erasing a customer (call it in the erase transaction): every idempotency key used
 * for a request about them, finished or still running, drops its stored response and request
 * hash and answers 409 `customer_erased` from now on. A replay can then neither show their
 * data again nor, by running afresh, recreate them. `except` is the erase request's own
 * record, so retrying the erase still replays its answer.
 */
export async function retireResponsesAboutCustomer(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  except: OwnIdempotencyRecord | null,
): Promise<void> {
  await tx.query(
    `UPDATE idempotency_keys
        SET request_hash = $3, response_status = 409, response_body = NULL,
            response_content_type = NULL
      WHERE tenant_id = $1 AND customer_id = $2
        AND (credential_id, path, key) IS DISTINCT FROM ($4, $5, $6)`,
    [
      tenantId,
      customerId,
      ERASED_REQUEST_HASH,
      except?.credentialId ?? null,
      except?.path ?? null,
      except?.key ?? null,
    ],
  );
}

function reused(detail: string): ApiError {
  return new ApiError('idempotency_key_reused', detail);
}

function inUse(): ApiError {
  return new ApiError(
    'idempotency_key_in_use',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
    { headers: { 'Retry-After': '1' } },
  );
}

/**
 * Deletes keys older than their replay window (an index on `created_at` serves it). Expired
 * keys are already ignored on use; this keeps the table from growing without end. Returns
 * how many went.
 */
export async function sweepIdempotencyKeys(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
    new Date(now.getTime() - RETAIN_MS),
  ]);
  return rowCount;
}

/**
 * A multipart body without its boundary: a client picks a new random boundary each time it
 * sends the same form (fetch does, for every retry of a `FormData` upload), and the same
 * parts must still be the same request.
 */
function withoutBoundary(body: Uint8Array, contentType: string | undefined): Uint8Array {
  const boundary = /^multipart\/[^;]+;.*\bboundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return body;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const marker = Buffer.from(boundary);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + marker.length;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}
