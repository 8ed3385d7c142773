/**
 * Reading an import file: the checks on the file as a whole (made before a job is queued,
 * so a file that can't be imported is a 422 and nothing is stored) and each row's own checks
 * (made by the job, so one typo never costs the rest of the file).
 */
import { ApiError, type FieldError } from '../../../core/errors.js';
import type { NewAddress } from '../addresses/list.js';
import { normaliseEmail } from '../normalise.js';
import { CreateCustomerBody, type CustomerWritable } from '../schemas.js';
import { readAddressCells } from './address-cells.js';
import { type CsvColumn, mapHeader } from './columns.js';
import { type CsvRecord, CsvSyntaxError, parseCsv } from './parse.js';
import { type CsvFieldError, columnForSchemaPath, csvRowToCustomerBody } from './rows.js';
import {
  type ShopifyLayout,
  shopifyColumnForSchemaPath,
  shopifyLayout,
  shopifyRowToCustomerBody,
} from './shopify.js';

/** Largest CSV body accepted; bigger files should be split. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows accepted in one file. */
export const IMPORT_MAX_ROWS = 10_000;

/**
 * A file that passed the whole-file checks: its columns and its non-blank data rows. A file
 * with Shopify's customer-export header is read in Shopify's layout (`shopify.ts`) instead.
 */
export interface ImportFile {
  columns: CsvColumn[];
  shopify: ShopifyLayout | null;
  rows: CsvRecord[];
}

/** A row that was not imported, with its CSV line and what was wrong. */
export interface ImportRowFailure {
  line: number;
  errors: CsvFieldError[];
}

/** A data row after its own checks: a create body, or why it can't be one. */
export type CheckedRow =
  | {
      line: number;
      body: CustomerWritable;
      addresses: NewAddress[];
      email: string | null;
      /** The column a clash on one of the row's external ids is reported under. */
      externalIdColumn: string;
    }
  | { line: number; errors: CsvFieldError[] };

const fileError = (detail: string, errors: FieldError[]) =>
  new ApiError('validation_failed', detail, { errors });

/**
 * Parses the file and checks it as a whole: readable CSV, a header whose every column is
 * known (once), at most {@link IMPORT_MAX_ROWS} rows. Throws a 422 `ApiError` otherwise.
 */
export async function readImportFile(text: string, pace: () => Promise<void>): Promise<ImportFile> {
  let records: CsvRecord[];
  try {
    records = await parseCsv(text, pace);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const where = error.line === null ? 'body' : `line ${error.line}`;
    throw fileError('The CSV could not be read.', [{ path: where, message: error.message }]);
  }
  const [header, ...rest] = records;
  if (!header)
    throw fileError('The CSV is empty.', [{ path: 'body', message: 'needs a header row' }]);
  const shopify = shopifyLayout(header.cells);
  const mapping = shopify ? { ok: true as const, columns: [] } : mapHeader(header.cells);
  if (!mapping.ok) {
    throw fileError('The header row has columns this import does not know.', [
      ...mapping.unknown.map((name) => ({ path: `header.${name}`, message: 'unknown column' })),
      ...mapping.duplicated.map((name) => ({
        path: `header.${name}`,
        message: 'column appears twice',
      })),
    ]);
  }
  // A spreadsheet's trailing ",,,," rows are no rows at all.
  const rows = rest.filter(({ cells }) => !cells.every((cell) => cell.trim() === ''));
  if (rows.length > IMPORT_MAX_ROWS) {
    throw fileError(
      `The CSV has ${rows.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`,
      [{ path: 'body', message: `at most ${IMPORT_MAX_ROWS} rows per file` }],
    );
  }
  return { columns: mapping.columns, shopify, rows };
}

/**
 * Each row's own checks: the cells convert (booleans, JSON), the create schema accepts the
 * body, and its email was not on an earlier accepted row of the file. A pure function of the
 * file, so a resumed job reaches the same verdicts for the rows it has still to do.
 */
export async function checkRows(
  file: ImportFile,
  importedAt: Date,
  pace: () => Promise<void>,
): Promise<CheckedRow[]> {
  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfExternalId = new Map<string, number>();
  const layout = file.shopify;
  const columnOf = (path: readonly PropertyKey[]) =>
    layout ? shopifyColumnForSchemaPath(layout, path) : columnForSchemaPath(path);
  const externalIdColumn = columnOf(['external_ids']);
  const checked: CheckedRow[] = [];
  for (const { line, cells } of file.rows) {
    const converted = layout
      ? shopifyRowToCustomerBody(layout, cells, importedAt)
      : csvRowToCustomerBody(file.columns, cells, importedAt);
    const parsed = CreateCustomerBody.safeParse(converted.body);
    // The default's parts come checked by the create schema; they join the other addresses.
    const { address, ...body } = parsed.success ? parsed.data : {};
    const read = readAddressCells(converted.addressCells, address ?? null);
    const errors: CsvFieldError[] = [
      ...converted.errors,
      ...(parsed.success
        ? []
        : parsed.error.issues.map((issue) => ({
            field: columnOf(issue.path),
            message: issue.message,
          }))),
      ...read.errors,
    ];
    if (errors.length > 0 || !parsed.success) {
      checked.push({ line, errors });
    } else {
      const email = parsed.data.email ? normaliseEmail(parsed.data.email) : null;
      const earlier = email ? firstLineOfEmail.get(email) : undefined;
      const ids = Object.entries(parsed.data.external_ids ?? {}).flatMap(([system, id]) =>
        id === null ? [] : [`${system}:${id}`],
      );
      const earlierId = ids
        .map((key) => firstLineOfExternalId.get(key))
        .find((n) => n !== undefined);
      if (earlier !== undefined) {
        checked.push({
          line,
          errors: [{ field: columnOf(['email']), message: `already used on line ${earlier}` }],
        });
      } else if (earlierId !== undefined) {
        checked.push({
          line,
          errors: [{ field: externalIdColumn, message: `already used on line ${earlierId}` }],
        });
      } else {
        if (email) firstLineOfEmail.set(email, line);
        for (const key of ids) firstLineOfExternalId.set(key, line);
        checked.push({ line, body, addresses: read.addresses, email, externalIdColumn });
      }
    }
    await pace();
  }
  return checked;
}
