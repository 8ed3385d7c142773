/**
 * Runs one claimed import job: the file is read and each row checked (in steps, yielding),
 * then the rows from the job's committed position on are created in small transactions.
 * Each transaction renews the lease, creates its rows, writes their report and advances the
 * job's counters, so a job stopped anywhere resumes at the first row not committed and never
 * imports a row twice (decision 0011).
 */
import type { Actor } from '../../../core/auth/principal.js';
import { open } from '../../../core/crypto/envelope.js';
import { type Queryable, sqlState, UNIQUE_VIOLATION } from '../../../core/db/types.js';
import type { Services } from '../../../core/services.js';
import { createPacer, yieldToEventLoop } from '../../../core/yield.js';
import { type CreateCustomerContext, createCustomer } from '../create.js';
import { isExternalIdClash } from '../external-ids.js';
import {
  type CheckedRow,
  checkRows,
  type ImportRowFailure,
  readImportFile,
} from './import-file.js';
import {
  type ClaimedJob,
  loadImportFile,
  recordChunk,
  releaseImportJob,
  renewLease,
} from './import-job-store.js';

/** How the runner sizes and paces its work. */
export interface RunLimits {
  /** A worker holds a job this long past its last chunk. */
  leaseMs: number;
  /** Time a chunk's transaction should take; the next chunk's row count follows from it. */
  chunkBudgetMs: number;
  /** Most rows in one transaction. */
  maxChunkRows: number;
}

/** Why the runner returned. */
export type RunOutcome = 'completed' | 'stopped' | 'lost';

/** The additional authenticated data a job's sealed file is bound to. */
export const csvAad = (tenantId: string, importId: string) =>
  `customer_import:${tenantId}:${importId}`;

/** What the runner needs besides the job. */
export interface RunContext {
  services: Pick<Services, 'db' | 'ids' | 'clock' | 'keyring'>;
  owner: string;
  limits: RunLimits;
  /** Asked before each chunk; true hands the job back unfinished. */
  shouldStop: () => boolean;
  /** Told after each committed chunk. */
  onChunk?: (progress: { id: string; rows_done: number; rows_total: number }) => void;
}

/** Rows in the first chunk, before the runner has timed one. */
const FIRST_CHUNK_ROWS = 10;
/** How long parsing and checking run between yields. */
const STEP_MS = 10;

export async function runImportJob(job: ClaimedJob, run: RunContext): Promise<RunOutcome> {
  const { db, keyring, clock, ids } = run.services;
  const ref = { tenantId: job.tenant_id, id: job.id };
  const keys = await keyring.forTenant(db, job.tenant_id);
  const sealed = await loadImportFile(db, ref);
  const text = open(keys.dataKey, sealed, csvAad(job.tenant_id, job.id)).toString('utf8');
  const pace = createPacer(STEP_MS);
  const file = await readImportFile(text, pace);
  const rows = await checkRows(file, new Date(job.created_at), pace);
  if (rows.length !== job.rows_total) {
    throw new Error(
      `import ${job.id}: the file has ${rows.length} rows, the job ${job.rows_total}`,
    );
  }
  const { rows: tenants } = await db.query<{ country: string | null }>(
    'SELECT country FROM tenants WHERE id = $1',
    [job.tenant_id],
  );
  const create: Omit<CreateCustomerContext, 'now'> = {
    tenantId: job.tenant_id,
    keys,
    country: tenants[0]?.country ?? null,
    actor: job.actor as Actor,
    ids,
    defaultBranchId: job.branch_id,
  };

  if (rows.length === 0) {
    const done = await db.transaction(async (tx) => {
      if (!(await holdsLease(tx, job, run, 0))) return false;
      await recordChunk(tx, ref, { done: 0, created: 0, failures: [], finishedAt: clock.now() });
      return true;
    });
    return done ? 'completed' : 'lost';
  }

  let cursor = job.rows_done;
  let chunkRows = FIRST_CHUNK_ROWS;
  // After a chunk lost a race for an email, its rows go one per transaction (see below).
  let singlesUntil = -1;
  while (cursor < rows.length) {
    if (run.shouldStop()) {
      await releaseImportJob(db, ref, run.owner);
      return 'stopped';
    }
    // The other requests' turn: on PGlite they wait for the connection, and a chunk holds it.
    await yieldToEventLoop();
    const window = rows.slice(cursor, cursor + (cursor < singlesUntil ? 1 : chunkRows));
    const started = performance.now();
    let committed: boolean;
    try {
      committed = await db.transaction((tx) =>
        commitChunk(tx, job, run, {
          cursor,
          window,
          create,
          lastChunk: cursor + window.length === rows.length,
        }),
      );
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      // Someone took an email (or external id) after this chunk checked it. The whole chunk
      // rolled back; redo its rows one per transaction so only the row that clashed fails.
      if (window.length > 1) {
        singlesUntil = cursor + window.length;
        continue;
      }
      const row = window[0]!;
      const field =
        isExternalIdClash(error) && 'externalIdColumn' in row ? row.externalIdColumn : 'email';
      const failure: ImportRowFailure = {
        line: row.line,
        errors: [{ field, message: 'was taken by another customer while the import ran' }],
      };
      committed = await db.transaction(async (tx) => {
        if (!(await holdsLease(tx, job, run, cursor))) return false;
        const finishedAt = cursor + 1 === rows.length ? clock.now() : null;
        await recordChunk(tx, ref, { done: 1, created: 0, failures: [failure], finishedAt });
        return true;
      });
    }
    if (!committed) return 'lost';
    cursor += window.length;
    const perRow = (performance.now() - started) / window.length;
    chunkRows = Math.max(
      1,
      Math.min(run.limits.maxChunkRows, Math.floor(run.limits.chunkBudgetMs / perRow)),
    );
    run.onChunk?.({ id: job.id, rows_done: cursor, rows_total: rows.length });
  }
  return 'completed';
}

/** A create body's external ids as `[system, id]` pairs. */
function externalIdsOf(body: { external_ids?: Record<string, string | null> | undefined }) {
  return Object.entries(body.external_ids ?? {}).flatMap(([system, id]) =>
    id === null ? [] : [[system, id] as const],
  );
}

/** Who holds each of these external ids already, by `system:id`. */
async function externalIdHolders(
  tx: Queryable,
  tenantId: string,
  ids: readonly (readonly [string, string])[],
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (ids.length === 0) return held;
  const { rows } = await tx.query<{ system: string; external_id: string; customer_id: string }>(
    `SELECT x.system, x.external_id, x.customer_id FROM customer_external_ids x
       JOIN unnest($2::text[], $3::text[]) AS wanted(system, external_id)
         ON wanted.system = x.system AND wanted.external_id = x.external_id
      WHERE x.tenant_id = $1`,
    [tenantId, ids.map(([system]) => system), ids.map(([, id]) => id)],
  );
  for (const row of rows) held.set(`${row.system}:${row.external_id}`, row.customer_id);
  return held;
}

/** Renews the lease and checks nobody else moved the job since this worker last committed. */
async function holdsLease(tx: Queryable, job: ClaimedJob, run: RunContext, cursor: number) {
  const lease = await renewLease(
    tx,
    { tenantId: job.tenant_id, id: job.id },
    run.owner,
    run.services.clock.now(),
    run.limits.leaseMs,
  );
  return lease !== null && lease.rows_done === cursor;
}

/**
 * One chunk, in its transaction: the checks against the tenant (email free, branch exists
 * and allowed), the creates, the report and the counters. False when the job was cancelled
 * or taken over, in which case nothing is written.
 */
async function commitChunk(
  tx: Queryable,
  job: ClaimedJob,
  run: RunContext,
  chunk: {
    cursor: number;
    window: CheckedRow[];
    create: Omit<CreateCustomerContext, 'now'>;
    lastChunk: boolean;
  },
): Promise<boolean> {
  if (!(await holdsLease(tx, job, run, chunk.cursor))) return false;
  const now = run.services.clock.now();
  const candidates = chunk.window.filter((row) => 'body' in row);
  const emails = [...new Set(candidates.flatMap((row) => (row.email ? [row.email] : [])))];
  const branches = [
    ...new Set(
      candidates.flatMap((row) => (row.body.home_branch_id ? [row.body.home_branch_id] : [])),
    ),
  ];
  const taken = new Map<string, string>();
  if (emails.length > 0) {
    const { rows } = await tx.query<{ id: string; email_normalized: string }>(
      'SELECT id, email_normalized FROM customers WHERE tenant_id = $1 AND email_normalized = ANY($2::text[])',
      [job.tenant_id, emails],
    );
    for (const row of rows) taken.set(row.email_normalized, row.id);
  }
  const heldIds = await externalIdHolders(
    tx,
    job.tenant_id,
    candidates.flatMap((row) => externalIdsOf(row.body)),
  );
  const knownBranches = new Set<string>();
  if (branches.length > 0) {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM branches WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [job.tenant_id, branches],
    );
    for (const row of rows) knownBranches.add(row.id);
  }

  const failures: ImportRowFailure[] = [];
  let created = 0;
  for (const row of chunk.window) {
    if ('errors' in row) {
      failures.push(row);
      continue;
    }
    const errors: ImportRowFailure['errors'] = [];
    const existing = row.email ? taken.get(row.email) : undefined;
    if (existing) errors.push({ field: 'email', message: `already used by customer ${existing}` });
    for (const [system, id] of externalIdsOf(row.body)) {
      const holder = heldIds.get(`${system}:${id}`);
      if (holder) {
        errors.push({
          field: row.externalIdColumn,
          message: `${system} id ${id} is already held by customer ${holder}`,
        });
      }
    }
    const branch = row.body.home_branch_id;
    if (branch && job.branch_id && branch !== job.branch_id) {
      errors.push({
        field: 'home_branch_id',
        message: 'a branch-limited key imports into its own branch only',
      });
    } else if (branch && !knownBranches.has(branch)) {
      errors.push({ field: 'home_branch_id', message: 'is not a branch of this tenant' });
    }
    if (errors.length > 0) {
      failures.push({ line: row.line, errors });
      continue;
    }
    await createCustomer(tx, { ...chunk.create, now }, row.body, row.addresses);
    created += 1;
  }
  await recordChunk(
    tx,
    { tenantId: job.tenant_id, id: job.id },
    { done: chunk.window.length, created, failures, finishedAt: chunk.lastChunk ? now : null },
  );
  return true;
}
