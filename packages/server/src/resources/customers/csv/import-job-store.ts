/**
 * SQL for import jobs (`customer_imports`) and their row reports (`customer_import_failures`).
 * Lease rules: a worker owns a job while `lease_owner` is its id and `lease_expires_at` is in
 * the future; every write a worker makes is conditional on still owning it (see
 * `renewLease`), so a worker that lost its job can't commit another chunk of it.
 */
import type { Actor } from '../../../core/auth/principal.js';
import { type Queryable, type SqlParam, toBuffer } from '../../../core/db/types.js';
import { encodeCursor } from '../../../core/http/pagination.js';
import { yieldToEventLoop } from '../../../core/yield.js';
import type { ImportRowFailure } from './import-file.js';

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'cancelled', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A stored job, without its file. */
export interface ImportJobRow {
  tenant_id: string;
  id: string;
  status: ImportStatus;
  actor: Actor;
  branch_id: string | null;
  rows_total: number;
  rows_done: number;
  rows_created: number;
  rows_failed: number;
  attempts: number;
  error: { code: string; detail: string } | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const JOB_COLUMNS = `tenant_id, id, status, actor, branch_id, rows_total, rows_done, rows_created,
  rows_failed, attempts, error, created_at, started_at, finished_at`;

/** The job as the API shows it (the row report is added by the route). */
export function jobToWire(job: ImportJobRow) {
  return {
    id: job.id,
    status: job.status,
    rows_total: job.rows_total,
    rows_done: job.rows_done,
    rows_created: job.rows_created,
    rows_failed: job.rows_failed,
    error: job.error,
    created_at: new Date(job.created_at).toISOString(),
    started_at: job.started_at ? new Date(job.started_at).toISOString() : null,
    finished_at: job.finished_at ? new Date(job.finished_at).toISOString() : null,
  };
}

export async function insertImportJob(
  db: Queryable,
  job: {
    tenantId: string;
    id: string;
    actor: Actor;
    branchId: string | null;
    rowsTotal: number;
    now: Date;
  },
): Promise<ImportJobRow> {
  // Held by the uploading request until its file is stored (see `storeImportFile`); if that
  // request dies, a worker takes the job once this runs out and fails it (the file is short).
  const { rows } = await db.query<ImportJobRow>(
    `INSERT INTO customer_imports
       (tenant_id, id, status, actor, branch_id, rows_total, lease_owner, lease_expires_at,
        created_at, updated_at)
     VALUES ($1, $2, 'queued', $3::text::jsonb, $4, $5, 'upload', $6, $7, $7)
     RETURNING ${JOB_COLUMNS}`,
    [
      job.tenantId,
      job.id,
      JSON.stringify(job.actor),
      job.branchId,
      job.rowsTotal,
      new Date(job.now.getTime() + UPLOAD_LEASE_MS),
      job.now,
    ],
  );
  return rows[0]!;
}

/** How long an upload may take to store its file before a worker may take the job. */
const UPLOAD_LEASE_MS = 10 * 60 * 1000;
/**
 * Bytes per stored part of a file. On PGlite one statement runs on the server's thread; a
 * 64 KB part is written or read in a few milliseconds, a whole 5 MB file in hundreds.
 */
const PART_BYTES = 64 * 1024;

/**
 * Stores a job's sealed file a part per statement, yielding between them, then releases the
 * job to the workers.
 */
export async function storeImportFile(
  db: Queryable,
  job: { tenantId: string; id: string },
  sealed: Buffer,
): Promise<void> {
  for (let part = 0; part * PART_BYTES < sealed.length; part++) {
    await db.query(
      'INSERT INTO customer_import_parts (tenant_id, import_id, part, bytes) VALUES ($1, $2, $3, $4)',
      [job.tenantId, job.id, part, sealed.subarray(part * PART_BYTES, (part + 1) * PART_BYTES)],
    );
    await yieldToEventLoop();
  }
  await db.query(
    `UPDATE customer_imports SET lease_owner = NULL, lease_expires_at = NULL
      WHERE tenant_id = $1 AND id = $2 AND lease_owner = 'upload'`,
    [job.tenantId, job.id],
  );
}

/** Reads a job's sealed file back a part per statement, yielding between them. */
export async function loadImportFile(
  db: Queryable,
  job: { tenantId: string; id: string },
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let part = 0; ; part++) {
    const { rows } = await db.query<{ bytes: Uint8Array }>(
      'SELECT bytes FROM customer_import_parts WHERE tenant_id = $1 AND import_id = $2 AND part = $3',
      [job.tenantId, job.id, part],
    );
    if (!rows[0]) return Buffer.concat(parts);
    parts.push(toBuffer(rows[0].bytes));
    await yieldToEventLoop();
  }
}

/** Drops a finished job's file (it holds contact details). */
async function dropImportFile(db: Queryable, job: { tenantId: string; id: string }) {
  await db.query('DELETE FROM customer_import_parts WHERE tenant_id = $1 AND import_id = $2', [
    job.tenantId,
    job.id,
  ]);
}

/** A job of the tenant, if the credential may see it (a branch-limited key sees its branch's). */
export async function findImportJob(
  db: Queryable,
  tenantId: string,
  id: string,
  branchId: string | null,
): Promise<ImportJobRow | null> {
  const params: SqlParam[] = [tenantId, id];
  let branch = '';
  if (branchId) {
    params.push(branchId);
    branch = ' AND branch_id = $3';
  }
  const { rows } = await db.query<ImportJobRow>(
    `SELECT ${JOB_COLUMNS} FROM customer_imports WHERE tenant_id = $1 AND id = $2${branch}`,
    params,
  );
  return rows[0] ?? null;
}

/** One page of the row report, by line. */
export async function listImportFailures(
  db: Queryable,
  tenantId: string,
  importId: string,
  page: { limit: number; afterLine: number | null },
): Promise<{ data: ImportRowFailure[]; next_cursor: string | null }> {
  const { rows } = await db.query<ImportRowFailure>(
    `SELECT line, errors FROM customer_import_failures
      WHERE tenant_id = $1 AND import_id = $2 AND line > $3
      ORDER BY line LIMIT $4`,
    [tenantId, importId, page.afterLine ?? 0, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const data = more ? rows.slice(0, page.limit) : rows;
  return {
    data: data.map(({ line, errors }) => ({ line, errors })),
    next_cursor: more ? encodeCursor([data[data.length - 1]!.line]) : null,
  };
}

/**
 * Cancels a job that hasn't finished: the worker sees it before its next chunk and stops.
 * Rows already committed stay. Returns null when there was nothing to cancel.
 */
export async function cancelImportJob(
  db: Queryable,
  tenantId: string,
  id: string,
  now: Date,
): Promise<ImportJobRow | null> {
  const { rows } = await db.query<ImportJobRow>(
    `UPDATE customer_imports
        SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL,
            finished_at = $3, updated_at = $3
      WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')
      RETURNING ${JOB_COLUMNS}`,
    [tenantId, id, now],
  );
  if (rows[0]) await dropImportFile(db, { tenantId, id });
  return rows[0] ?? null;
}

/** A job a worker has taken. */
export type ClaimedJob = ImportJobRow;

/**
 * Takes the oldest unfinished job nobody holds (queued, or running with an expired lease,
 * its worker gone). `SKIP LOCKED`: two instances claiming at once take different jobs.
 */
export async function claimImportJob(
  db: Queryable,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimedJob | null> {
  const { rows } = await db.query<ClaimedJob>(
    `UPDATE customer_imports
        SET status = 'running', lease_owner = $1, lease_expires_at = $3,
            started_at = COALESCE(started_at, $2), updated_at = $2
      WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM customer_imports
         WHERE status IN ('queued', 'running')
           AND (lease_expires_at IS NULL OR lease_expires_at < $2)
         ORDER BY created_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING ${JOB_COLUMNS}`,
    [owner, now, new Date(now.getTime() + leaseMs)],
  );
  return rows[0] ?? null;
}

/**
 * First statement of every chunk's transaction: extends the lease if this worker still owns
 * the running job, and locks the job row until the chunk commits (a cancel waits for it).
 * Returns the committed position, or null when the job was cancelled or taken over.
 */
export async function renewLease(
  tx: Queryable,
  job: { tenantId: string; id: string },
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<{ rows_done: number } | null> {
  const { rows } = await tx.query<{ rows_done: number }>(
    `UPDATE customer_imports SET lease_expires_at = $4, updated_at = $5
      WHERE tenant_id = $1 AND id = $2 AND lease_owner = $3 AND status = 'running'
      RETURNING rows_done`,
    [job.tenantId, job.id, owner, new Date(now.getTime() + leaseMs), now],
  );
  return rows[0] ?? null;
}

/** Records a chunk's outcome in its transaction: the report rows and the counters. */
export async function recordChunk(
  tx: Queryable,
  job: { tenantId: string; id: string },
  outcome: { done: number; created: number; failures: ImportRowFailure[]; finishedAt: Date | null },
): Promise<void> {
  if (outcome.failures.length > 0) {
    const params: SqlParam[] = [job.tenantId, job.id];
    const tuples = outcome.failures.map((failure) => {
      params.push(failure.line, JSON.stringify(failure.errors));
      return `($1, $2, $${params.length - 1}, $${params.length}::text::jsonb)`;
    });
    await tx.query(
      `INSERT INTO customer_import_failures (tenant_id, import_id, line, errors)
       VALUES ${tuples.join(', ')}`,
      params,
    );
  }
  const finished = outcome.finishedAt !== null;
  await tx.query(
    `UPDATE customer_imports
        SET rows_done = rows_done + $3, rows_created = rows_created + $4,
            rows_failed = rows_failed + $5
            ${finished ? `, status = 'completed', lease_owner = NULL, lease_expires_at = NULL, finished_at = $6` : ''}
      WHERE tenant_id = $1 AND id = $2`,
    [
      job.tenantId,
      job.id,
      outcome.done,
      outcome.created,
      outcome.failures.length,
      ...(finished ? [outcome.finishedAt] : []),
    ],
  );
  if (finished) await dropImportFile(tx, job);
}

/** Hands a job back unfinished (the worker is stopping): another worker may take it at once. */
export async function releaseImportJob(
  db: Queryable,
  job: { tenantId: string; id: string },
  owner: string,
): Promise<void> {
  await db.query(
    `UPDATE customer_imports SET lease_owner = NULL, lease_expires_at = NULL
      WHERE tenant_id = $1 AND id = $2 AND lease_owner = $3`,
    [job.tenantId, job.id, owner],
  );
}

/**
 * After an unexpected error: retried later (the lease runs out after `retryAfterMs`), or
 * failed for good after `maxAttempts`. Committed rows stay either way.
 */
export async function recordJobError(
  db: Queryable,
  job: { tenantId: string; id: string },
  owner: string,
  now: Date,
  options: { retryAfterMs: number; maxAttempts: number },
): Promise<void> {
  const { rows } = await db.query<{ status: string }>(
    `UPDATE customer_imports
        SET attempts = attempts + 1, updated_at = $4::timestamptz,
            lease_expires_at = CASE WHEN attempts + 1 >= $5::int THEN NULL ELSE $6::timestamptz END,
            lease_owner = CASE WHEN attempts + 1 >= $5 THEN NULL ELSE lease_owner END,
            status = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE status END,
            finished_at = CASE WHEN attempts + 1 >= $5 THEN $4::timestamptz ELSE finished_at END,
            error = CASE WHEN attempts + 1 >= $5 THEN $7::text::jsonb ELSE error END
      WHERE tenant_id = $1 AND id = $2 AND lease_owner = $3 AND status = 'running'
      RETURNING status`,
    [
      job.tenantId,
      job.id,
      owner,
      now,
      options.maxAttempts,
      new Date(now.getTime() + options.retryAfterMs),
      JSON.stringify({
        code: 'internal_error',
        detail:
          'The import stopped on a server error; the rows it had imported stay. Quote the import id.',
      }),
    ],
  );
  if (rows[0]?.status === 'failed') await dropImportFile(db, job);
}
