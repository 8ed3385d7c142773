import { z } from '@hono/zod-openapi';
import { ApiError } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { EXPORT_COLUMNS } from './columns.js';
import { streamCustomersCsv } from './export.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importCustomers } from './import.js';

const exportCsv = defineRoute({
  method: 'get',
  path: '/v1/customers/export.csv',
  operationId: 'exportCustomersCsv',
  tags: ['Customers'],
  summary: 'Every customer as CSV',
  description: `Streamed: a header row, then one row per customer, oldest first. The address is flattened into \`address_*\` columns, tags and allergies are \`;\`-joined, consent is \`yes\`/\`no\`, custom fields are a JSON object. Columns: ${EXPORT_COLUMNS.join(', ')}.`,
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
        field: z.string().openapi({ example: 'email' }),
        message: z.string().openapi({ example: 'already used on line 3' }),
      }),
    ),
  })
  .openapi('CustomerImportFailure');

const ImportResult = z
  .object({
    created: z.number().int().openapi({ description: 'Customers created.', example: 248 }),
    failed: z.array(ImportFailure).openapi({ description: 'Rows not imported, by line.' }),
  })
  .openapi('CustomerImportResult');

const importCsv = defineRoute({
  method: 'post',
  path: '/v1/customers/import',
  operationId: 'importCustomersCsv',
  tags: ['Customers'],
  summary: 'Create customers from CSV',
  description: `Send \`Content-Type: text/csv\` with a header row; the columns of \`export.csv\` and common spellings (\`First Name\`, \`Surname\`, \`Postcode\`…) are understood, and unknown columns make the file a 422. Each row is checked like \`POST /v1/customers\`, and an email already in the tenant or earlier in the file fails its row. Good rows are created; bad rows come back with their line number and errors. At most ${IMPORT_MAX_ROWS} rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MB per file.`,
  permission: 'create_customer',
  request: {
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
    200: jsonResponse(ImportResult, 'What was created and which rows failed.'),
  },
});

const tooLarge = () =>
  new ApiError(
    'validation_failed',
    `The CSV is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`,
    {
      errors: [{ path: 'body', message: `at most ${IMPORT_MAX_BYTES} bytes` }],
    },
  );

/**
 * `GET /v1/customers/export.csv` and `POST /v1/customers/import` (mounted first by
 * `customerRoutes`, ahead of `/v1/customers/{id}`).
 */
export function csvRoutes() {
  return createRouter()
    .openapi(exportCsv, async (c) => {
      const principal = c.var.principal;
      const { db, keyring, clock } = c.var.services;
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
      const principal = c.var.principal;
      const type = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(type)) {
        throw new ApiError('validation_failed', 'Send the file as `Content-Type: text/csv`.', {
          errors: [{ path: 'Content-Type', message: 'must be text/csv' }],
        });
      }
      if (Number(c.req.header('content-length') ?? 0) > IMPORT_MAX_BYTES) throw tooLarge();
      const text = await c.req.text();
      if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) throw tooLarge();
      const result = await importCustomers(c.var.services, principal, text);
      return c.json(result, 200);
    });
}
