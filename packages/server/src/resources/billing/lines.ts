/**
 * What quotes and invoices share: priced lines (description, quantity, unit price in integer
 * minor units), their totals worked out by the server, and the SQL that writes and reads them.
 * `resources/billing/` is not a URL segment; `quotes/` and `invoices/` are (decision 0031).
 */
import { z } from '@hono/zod-openapi';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, type FieldError } from '../../core/errors.js';
import { PageQuery } from '../../core/http/pagination.js';
import { Money } from '../../core/http/schemas.js';
import { PriceInput, text } from '../workshop/schemas.js';

/** A line as a caller sends it; its total is the server's to work out. */
export const BillingLineInput = z
  .object({
    description: text(500).openapi({
      description: 'What it is, as the customer reads it.',
      example: 'Oval sapphire 1.2ct, platinum four-claw setting',
    }),
    quantity: z.number().int().min(1).max(100_000).openapi({ example: 1 }),
    unit_price: PriceInput.openapi({
      description: 'Minor units in the tenant’s currency, zero or more.',
      example: { amount: 420_000, currency: 'AUD' },
    }),
  })
  .strict()
  .openapi('BillingLineInput');
export type BillingLineInput = z.infer<typeof BillingLineInput>;

/** The lines of a quote or an invoice on input: one at least, at most 200. */
export const BillingLinesInput = z.array(BillingLineInput).min(1).max(200).openapi({
  description: 'Priced lines; the server works out each line’s total and the document’s `total`.',
});

/** The fields every quote and invoice ends with: when it was made and changed, its version. */
export const RECORD_TIMES = {
  created_at: z.string().datetime(),
  updated_at: z.string().datetime(),
  version: z
    .number()
    .int()
    .openapi({ description: 'Starts at 1; +1 per change. Send as If-Match.' }),
};

/** A line on the wire. */
export const BillingLine = z
  .object({
    line: z.number().int().openapi({ description: 'Numbered from 1.' }),
    description: z.string().openapi({
      description: '`[erased]` once the customer is erased.',
      example: 'Oval sapphire 1.2ct, platinum four-claw setting',
    }),
    quantity: z.number().int(),
    unit_price: Money,
    total: Money.openapi({ description: 'Quantity × unit price.' }),
  })
  .openapi('BillingLine');
export type BillingLine = z.infer<typeof BillingLine>;

/** A line priced by the server. */
export interface PricedLine {
  description: string;
  quantity: number;
  unitPrice: number;
  total: number;
}

/**
 * Prices the lines: every unit price must be in the tenant's currency (422 on
 * `lines.N.unit_price.currency`), each line's total is quantity × unit price and the
 * document's the lines' sum (422 on `lines` when it outgrows a safe integer).
 */
export function priceLines(
  lines: readonly BillingLineInput[],
  currency: string,
): { lines: PricedLine[]; total: number } {
  const errors: FieldError[] = [];
  const priced = lines.map((line, i) => {
    if (line.unit_price.currency !== currency) {
      errors.push({
        path: `lines.${i}.unit_price.currency`,
        message: `must be ${currency}, the tenant's currency`,
      });
    }
    return {
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price.amount,
      total: line.quantity * line.unit_price.amount,
    };
  });
  const total = priced.reduce((sum, l) => sum + l.total, 0);
  if (!Number.isSafeInteger(total))
    errors.push({ path: 'lines', message: 'the amounts are too large' });
  if (errors.length > 0) {
    throw new ApiError('validation_failed', errors[0]!.message, { errors });
  }
  return { lines: priced, total };
}

/** Where a document's lines are kept: `quote_lines` by `quote_id`, `invoice_lines` by `invoice_id`. */
export interface LinesTable {
  table: 'quote_lines' | 'invoice_lines';
  key: 'quote_id' | 'invoice_id';
}

/** Replaces a document's lines with these, numbered from 1. */
export async function writeLines(
  tx: Queryable,
  where: LinesTable,
  tenantId: string,
  documentId: string,
  lines: readonly PricedLine[],
): Promise<void> {
  await tx.query(`DELETE FROM ${where.table} WHERE tenant_id = $1 AND ${where.key} = $2`, [
    tenantId,
    documentId,
  ]);
  await tx.query(
    `INSERT INTO ${where.table} (tenant_id, ${where.key}, line, description, quantity, unit_price, total)
     SELECT $1, $2, n, description, quantity, unit_price, total
       FROM unnest($3::text[], $4::int[], $5::bigint[], $6::bigint[]) WITH ORDINALITY
            AS l(description, quantity, unit_price, total, n)`,
    [
      tenantId,
      documentId,
      lines.map((l) => l.description),
      lines.map((l) => String(l.quantity)),
      lines.map((l) => String(l.unitPrice)),
      lines.map((l) => String(l.total)),
    ],
  );
}

/** A line as `linesJsonSql` reads it. */
export interface LineJson {
  line: number;
  description: string;
  quantity: number;
  unit_price: number;
  total: number;
}

/** A sub-select folding the lines of the document `r` into one JSON array, in line order. */
export const linesJsonSql = (where: LinesTable) =>
  `(SELECT coalesce(jsonb_agg(jsonb_build_object(
      'line', l.line, 'description', l.description, 'quantity', l.quantity,
      'unit_price', l.unit_price::float8, 'total', l.total::float8) ORDER BY l.line), '[]'::jsonb)
     FROM ${where.table} l WHERE l.tenant_id = r.tenant_id AND l.${where.key} = r.id)`;

/** The lines on the wire, in the document's currency. */
export const linesToWire = (lines: readonly LineJson[], currency: string): BillingLine[] =>
  lines.map((l) => ({
    line: l.line,
    description: l.description,
    quantity: l.quantity,
    unit_price: { amount: l.unit_price, currency },
    total: { amount: l.total, currency },
  }));

/** Lines as the audit log keeps them: what a person compares before and after. */
export const linesForAudit = (lines: readonly PricedLine[] | readonly BillingLine[]) =>
  lines.map((l) =>
    'unitPrice' in l
      ? { description: l.description, quantity: l.quantity, unit_price: l.unitPrice }
      : { description: l.description, quantity: l.quantity, unit_price: l.unit_price.amount },
  );

/** Filters and paging of a quotes or invoices list: one customer's tab, one status. */
export function billingListQuery<S extends z.ZodTypeAny>(status: S, plural: string) {
  return z
    .object({
      customer_id: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .openapi({ description: `One customer's ${plural} (their tab on the customer page).` }),
      status: status.optional(),
    })
    .merge(PageQuery);
}
