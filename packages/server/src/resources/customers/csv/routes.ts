import { z } from '@hono/zod-openapi';
import { seal } from '../../../core/crypto/envelope.js';
import { ApiError, notFound } from '../../../core/errors.js';
import { decodeCursor, PageQuery } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { createPacer } from '../../../core/yield.js';
import { EXPORT_COLUMNS } from './columns.js';
import { charsetOf, decodeCsv } from './decode.js';
import { streamCustomersCsv } from './export.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, readImportFile } from './import-file.js';
import {
  cancelImportJob,
  findImportJob,
  IMPORT_STATUSES,
  type ImportJobRow,
  insertImportJob,
  jobToWire,
  listImportFailures,
  storeImportFile,
} from './import-job-store.js';
import { csvAad } from './import-runner.js';
import { IMPORT_WORKER } from './import-worker.js';

const exportCsv = defineRoute({
  method: 'get',
  path: '/v1/customers/export.csv',
  operationId: 'exportCustomersCsv',
  tags: ['Customers'],
  summary: 'Every customer as CSV',
  description: `Streamed: a header row, then one row per customer, oldest first. The default address is flattened into \`address_*\` columns (with \`address_kind\` and \`address_label\`) and the customer's other addresses are a JSON list in \`extra_addresses\` (\`[{"kind":"billing","label":"Work","line1":…}]\`), tags and allergies are \`;\`-joined, consent is \`yes\`/\`no\`, custom fields are a JSON object. Columns: ${EXPORT_COLUMNS.join(', ')}.`,
  permission: 'export_customers',
  request: {
    query: z.object({
      include_archived: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'Also export archived customers (erased ones never are).' }),
    }),
  },
  responses: {
    200: {
      description: 'The CSV file.',
      content: {
        'text/csv': { schema: z.string().openapi({ example: 'id,first_name,last_name,…' }) },
      },
    },
  },
});

const ImportFailure = z
  .object({
    line: z
      .number()
      .int()
      .openapi({ description: 'CSV line number; the header is line 1.', example: 7 }),
    errors: z.array(
      z.object({
        field: z.string().openapi({ description: 'The CSV column.', example: 'email' }),
        message: z.string().openapi({ example: 'already used on line 3' }),
      }),
    ),
  })
  .openapi('CustomerImportFailure');

const CustomerImport = z
  .object({
    id: z.string().openapi({ example: 'imp_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    status: z.enum(IMPORT_STATUSES).openapi({
      description:
        '`queued` until a worker takes it, `running`, then `completed`, `cancelled` (rows committed before the cancel stay) or `failed` (a server error stopped it; `error` says so).',
    }),
    rows_total: z.number().int().openapi({ description: 'Data rows in the file.', example: 250 }),
    rows_done: z
      .number()
      .int()
      .openapi({ description: 'Rows handled so far: created plus failed.', example: 120 }),
    rows_created: z.number().int().openapi({ description: 'Customers created.', example: 118 }),
    rows_failed: z.number().int().openapi({ description: 'Rows not imported.', example: 2 }),
    error: z
      .object({ code: z.string(), detail: z.string() })
      .nullable()
      .openapi({ description: 'Why a `failed` import stopped; null otherwise.' }),
    created_at: z.string().openapi({ example: '2026-12-02T14:00:00.000Z' }),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    failures: z
      .object({
        data: z.array(ImportFailure),
        next_cursor: z.string().nullable().openapi({
          description: 'Pass as `cursor` for the next page of failures; null on the last page.',
        }),
      })
      .openapi({ description: 'The rows not imported so far, by line, a page at a time.' }),
  })
  .openapi('CustomerImport');

const IMPORT_ID_EXAMPLE = 'imp_01j9z3k4m5n6p7q8r9s0t1v2w3';

const importCsv = defineRoute({
  method: 'post',
  path: '/v1/customers/import',
  operationId: 'importCustomersCsv',
  tags: ['Customers'],
  summary: 'Import customers from CSV (as a job)',
  description: `Send \`Content-Type: text/csv\` with a header row; the columns of \`export.csv\` and common spellings (\`First Name\`, \`Surname\`, \`Postcode\`…) are understood. The file must be UTF-8 unless the Content-Type names its charset (\`text/csv; charset=windows-1252\`); bytes that aren't UTF-8 are refused with their line. Problems with the file as a whole (unreadable CSV, unknown columns, more than ${IMPORT_MAX_ROWS} rows or ${IMPORT_MAX_BYTES / 1024 / 1024} MB) are a 422 and nothing is stored. Otherwise the answer is \`202\` with the import job and its \`Location\`: rows are created in the background, a few at a time, and \`GET /v1/customers/imports/{id}\` shows progress and the rows that failed (each row is checked like \`POST /v1/customers\`; an email already in the tenant or earlier in the file fails its row, and so does an external id).\n\n**Shopify’s customer export** (Customers → Export) is imported as it is, recognised by its header (or insisted on with \`format=shopify\`): \`Customer ID\` becomes \`external_ids.shopify\` (what the Shopify app proxy finds the customer by), \`Phone\` the mobile, the default address the address, \`Tags\` the tags, \`Accepts Email/SMS Marketing: yes\` a given consent, \`Note\`, \`Default Address Company\` and \`Tax Exempt\` custom fields; \`Total Spent\` and \`Total Orders\` are left out. Failed rows name Shopify’s column.`,
  permission: 'create_customer',
  request: {
    query: z.object({
      format: z.enum(['auto', 'shopify']).optional().openapi({
        description:
          '`auto` (the default) reads a file with Shopify’s customer-export header in Shopify’s layout and any other in Loupe’s; `shopify` insists on Shopify’s (a 422 naming the unknown headers otherwise).',
      }),
    }),
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z
            .string()
            .openapi({ example: 'first_name,last_name,email\nAmelia,Chen,amelia@example.com\n' }),
        },
      },
    },
  },
  responses: {
    202: {
      ...jsonResponse(CustomerImport, 'The import job, queued.'),
      headers: z.object({
        Location: z
          .string()
          .openapi({ example: '/v1/customers/imports/imp_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
      }),
    },
  },
});

const getImport = defineRoute({
  method: 'get',
  path: '/v1/customers/imports/{id}',
  operationId: 'getCustomerImport',
  tags: ['Customers'],
  summary: 'An import job: progress and the failed rows',
  description:
    'Readable while the import runs and after. `failures` lists the rows not imported, by line, `limit` at a time; pass `next_cursor` as `cursor` for more.',
  permission: 'create_customer',
  id: IMPORT_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: { 200: jsonResponse(CustomerImport, 'The import job.') },
  errors: ['not_found'],
});

const cancelImport = defineRoute({
  method: 'post',
  path: '/v1/customers/imports/{id}/cancel',
  operationId: 'cancelCustomerImport',
  tags: ['Customers'],
  summary: 'Cancel an import job',
  description:
    'Stops a queued or running import before its next chunk. Customers already created stay (they are in the report counts). An import that has finished answers 409 `import_finished`.',
  permission: 'create_customer',
  id: IMPORT_ID_EXAMPLE,
  responses: { 200: jsonResponse(CustomerImport, 'The import job, cancelled.') },
  errors: ['not_found', 'import_finished'],
});

const tooLarge = () =>
  new ApiError(
    'validation_failed',
    `The CSV is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`,
    {
      errors: [{ path: 'body', message: `at most ${IMPORT_MAX_BYTES} bytes` }],
    },
  );

/** How long reading the file runs between yields while the request checks it. */
const READ_STEP_MS = 10;

const withNoFailures = (job: ImportJobRow) => ({
  ...jobToWire(job),
  failures: { data: [], next_cursor: null },
});

/**
 * `GET /v1/customers/export.csv`, `POST /v1/customers/import` and the import jobs under
 * `/v1/customers/imports/{id}` (mounted first by `customerRoutes`, ahead of
 * `/v1/customers/{id}`).
 */
export function csvRoutes() {
  return createRouter()
    .openapi(exportCsv, async (c) => {
      const principal = c.get('principal');
      const { db, keyring, clock } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const stream = streamCustomersCsv(db, keys, principal, {
        includeArchived: c.req.valid('query').include_archived === 'true',
      });
      const day = clock.now().toISOString().slice(0, 10);
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="customers-${day}.csv"`,
        'Cache-Control': 'no-store',
      });
    })
    .openapi(importCsv, async (c) => {
      const principal = c.get('principal');
      const type = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(type)) {
        throw new ApiError('validation_failed', 'Send the file as `Content-Type: text/csv`.', {
          errors: [{ path: 'Content-Type', message: 'must be text/csv' }],
        });
      }
      if (Number(c.req.header('content-length') ?? 0) > IMPORT_MAX_BYTES) throw tooLarge();
      // The bytes, not `text()`: that would have turned foreign bytes into U+FFFD already.
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > IMPORT_MAX_BYTES) throw tooLarge();
      const text = decodeCsv(bytes, charsetOf(type));
      const file = await readImportFile(text, createPacer(READ_STEP_MS));
      if (c.req.valid('query').format === 'shopify' && !file.shopify) {
        throw new ApiError(
          'validation_failed',
          'The header row is not Shopify’s customer export (Customer ID, First Name, Last Name, Email, Accepts Email Marketing, …).',
          { errors: [{ path: 'header', message: 'not Shopify’s customer export' }] },
        );
      }

      const { db, ids, keyring, clock, workers } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const id = ids('customerImport');
      const job = await insertImportJob(db, {
        tenantId: principal.tenant.id,
        id,
        actor: principal.actor,
        branchId: principal.branchId,
        rowsTotal: file.rows.length,
        now: clock.now(),
      });
      const sealed = seal(keys.dataKey, Buffer.from(text), csvAad(principal.tenant.id, id));
      await storeImportFile(db, { tenantId: principal.tenant.id, id }, sealed);
      workers.wake(IMPORT_WORKER);
      return c.json(withNoFailures(job), 202, {
        Location: `/v1/customers/imports/${id}`,
        'Cache-Control': 'no-store',
      });
    })
    .openapi(getImport, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const { db } = c.get('services');
      const job = await findImportJob(db, principal.tenant.id, id, principal.branchId);
      if (!job) throw notFound('Import');
      const afterLine = cursor ? decodeCursor(cursor, ['number'] as const)[0] : null;
      const failures = await listImportFailures(db, principal.tenant.id, id, { limit, afterLine });
      return c.json({ ...jobToWire(job), failures }, 200, { 'Cache-Control': 'no-store' });
    })
    .openapi(cancelImport, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, clock } = c.get('services');
      const job = await findImportJob(db, principal.tenant.id, id, principal.branchId);
      if (!job) throw notFound('Import');
      const cancelled = await cancelImportJob(db, principal.tenant.id, id, clock.now());
      if (!cancelled) {
        throw new ApiError(
          'import_finished',
          `The import has already ${job.status === 'completed' ? 'completed' : `ended (${job.status})`}.`,
        );
      }
      const failures = await listImportFailures(db, principal.tenant.id, id, {
        limit: 20,
        afterLine: null,
      });
      return c.json({ ...jobToWire(cancelled), failures }, 200);
    });
}
