import type { TenantPrincipal } from '../../../core/auth/principal.js';
import { sqlState, UNIQUE_VIOLATION } from '../../../core/db/types.js';
import { ApiError, type FieldError } from '../../../core/errors.js';
import type { Services } from '../../../core/services.js';
import { type CreateCustomerContext, createCustomer } from '../create.js';
import { normaliseEmail } from '../normalise.js';
import { CreateCustomerBody, type CustomerWritable } from '../schemas.js';
import { mapHeader } from './columns.js';
import { CsvSyntaxError, parseCsv } from './parse.js';
import { type CsvFieldError, columnForSchemaPath, csvRowToCustomerBody } from './rows.js';

/** Largest CSV body accepted; bigger files should be split. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows accepted in one file. */
export const IMPORT_MAX_ROWS = 10_000;

/** A row that was not imported, with its CSV line and what was wrong. */
export interface ImportRowFailure {
  line: number;
  errors: CsvFieldError[];
}

/** `POST /v1/customers/import` answer. */
export interface ImportResult {
  created: number;
  failed: ImportRowFailure[];
}

interface CandidateRow {
  line: number;
  body: CustomerWritable;
}

const fileError = (detail: string, errors: FieldError[]) =>
  new ApiError('validation_failed', detail, { errors });

/**
 * Imports customers from CSV text. Every row is checked on its own (the create schema, email
 * unique in the file and in the tenant, the branch exists); good rows are created, bad rows
 * are reported with their line, so one typo never costs the rest of the file. Problems with
 * the file as a whole (unreadable CSV, a header that can't be mapped, too many rows) are 422.
 */
export async function importCustomers(
  services: Pick<Services, 'db' | 'ids' | 'clock' | 'keyring'>,
  principal: TenantPrincipal,
  text: string,
): Promise<ImportResult> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const where = error.line === null ? 'body' : `line ${error.line}`;
    throw fileError('The CSV could not be read.', [{ path: where, message: error.message }]);
  }
  const [header, ...rows] = records;
  if (!header)
    throw fileError('The CSV is empty.', [{ path: 'body', message: 'needs a header row' }]);
  const mapping = mapHeader(header.cells);
  if (!mapping.ok) {
    throw fileError('The header row has columns this import does not know.', [
      ...mapping.unknown.map((name) => ({ path: `header.${name}`, message: 'unknown column' })),
      ...mapping.duplicated.map((name) => ({
        path: `header.${name}`,
        message: 'column appears twice',
      })),
    ]);
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    throw fileError(
      `The CSV has ${rows.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`,
      [{ path: 'body', message: `at most ${IMPORT_MAX_ROWS} rows per file` }],
    );
  }

  const now = services.clock.now();
  const failed: ImportRowFailure[] = [];
  const candidates: CandidateRow[] = [];
  for (const { line, cells } of rows) {
    if (cells.every((cell) => cell.trim() === '')) continue; // a spreadsheet's trailing ",,,"
    const converted = csvRowToCustomerBody(mapping.columns, cells, now);
    const parsed = CreateCustomerBody.safeParse(converted.body);
    const errors = [
      ...converted.errors,
      ...(parsed.success
        ? []
        : parsed.error.issues.map((issue) => ({
            field: columnForSchemaPath(issue.path),
            message: issue.message,
          }))),
    ];
    if (errors.length > 0 || !parsed.success) failed.push({ line, errors });
    else candidates.push({ line, body: parsed.data });
  }

  const accepted = await checkAgainstTenant(services, principal, candidates, failed);
  const created = await createAll(services, principal, accepted, failed, now);
  failed.sort((a, b) => a.line - b.line);
  return { created, failed };
}

/** Email uniqueness (in the file and the tenant) and branches, checked in bulk. */
async function checkAgainstTenant(
  services: Pick<Services, 'db'>,
  principal: TenantPrincipal,
  candidates: CandidateRow[],
  failed: ImportRowFailure[],
): Promise<CandidateRow[]> {
  const tenantId = principal.tenant.id;
  const emails = [
    ...new Set(candidates.flatMap((c) => (c.body.email ? [normaliseEmail(c.body.email)] : []))),
  ];
  const branches = [
    ...new Set(candidates.flatMap((c) => (c.body.home_branch_id ? [c.body.home_branch_id] : []))),
  ];
  const taken = new Map<string, string>();
  if (emails.length > 0) {
    const { rows } = await services.db.query<{ id: string; email_normalized: string }>(
      'SELECT id, email_normalized FROM customers WHERE tenant_id = $1 AND email_normalized = ANY($2::text[])',
      [tenantId, emails],
    );
    for (const row of rows) taken.set(row.email_normalized, row.id);
  }
  const knownBranches = new Set<string>();
  if (branches.length > 0) {
    const { rows } = await services.db.query<{ id: string }>(
      'SELECT id FROM branches WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, branches],
    );
    for (const row of rows) knownBranches.add(row.id);
  }

  const firstLineOfEmail = new Map<string, number>();
  const accepted: CandidateRow[] = [];
  for (const candidate of candidates) {
    const errors: CsvFieldError[] = [];
    const email = candidate.body.email ? normaliseEmail(candidate.body.email) : null;
    if (email) {
      const existing = taken.get(email);
      const earlier = firstLineOfEmail.get(email);
      if (existing)
        errors.push({ field: 'email', message: `already used by customer ${existing}` });
      else if (earlier !== undefined)
        errors.push({ field: 'email', message: `already used on line ${earlier}` });
      else firstLineOfEmail.set(email, candidate.line);
    }
    const branch = candidate.body.home_branch_id;
    if (branch && principal.branchId && branch !== principal.branchId) {
      errors.push({
        field: 'home_branch_id',
        message: 'a branch-limited key imports into its own branch only',
      });
    } else if (branch && !knownBranches.has(branch)) {
      errors.push({ field: 'home_branch_id', message: 'is not a branch of this tenant' });
    }
    if (errors.length > 0) failed.push({ line: candidate.line, errors });
    else accepted.push(candidate);
  }
  return accepted;
}

/**
 * Rows created per transaction. Chunks keep an import from holding the embedded database's
 * one connection for the whole file, so the counter's other requests still get through.
 */
const CHUNK_SIZE = 200;

/**
 * Creates the accepted rows as `POST /v1/customers` does (`createCustomer`), a chunk per
 * transaction. If someone takes one of the emails while the import runs, that chunk is
 * retried row by row and only the clashing row fails: no good row is lost.
 */
async function createAll(
  services: Pick<Services, 'db' | 'ids' | 'keyring'>,
  principal: TenantPrincipal,
  accepted: CandidateRow[],
  failed: ImportRowFailure[],
  now: Date,
): Promise<number> {
  if (accepted.length === 0) return 0;
  const keys = await services.keyring.forTenant(services.db, principal.tenant.id);
  const ctx: CreateCustomerContext = {
    tenantId: principal.tenant.id,
    keys,
    country: principal.tenant.country,
    actor: principal.actor,
    ids: services.ids,
    now,
    defaultBranchId: principal.branchId,
  };
  const insertRows = (rows: CandidateRow[]) =>
    services.db.transaction(async (tx) => {
      for (const row of rows) await createCustomer(tx, ctx, row.body);
    });

  let created = 0;
  for (let start = 0; start < accepted.length; start += CHUNK_SIZE) {
    const chunk = accepted.slice(start, start + CHUNK_SIZE);
    try {
      await insertRows(chunk);
      created += chunk.length;
      continue;
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    }
    for (const row of chunk) {
      try {
        await insertRows([row]);
        created += 1;
      } catch (error) {
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        failed.push({
          line: row.line,
          errors: [
            { field: 'email', message: 'was taken by another customer while the import ran' },
          ],
        });
      }
    }
  }
  return created;
}
