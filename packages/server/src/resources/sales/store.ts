/**
 * Sale rows: the SQL that writes and reads them, and their wire shape. Routes call these inside
 * their transactions; a customer's purchases and figures read the same tables.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { nextCounterValue } from '../../core/record-numbers.js';
import { countPurchases } from '../customers/purchases/stats.js';
import type { Sale, SaleListItem } from './schemas.js';

export interface SaleRow {
  tenant_id: string;
  id: string;
  number: number;
  type: Sale['type'];
  status: Sale['status'];
  customer_id: string | null;
  branch_id: string | null;
  staff_name: string | null;
  parent_sale_id: string | null;
  linked_sale_id: string | null;
  external_id: string | null;
  invoice_id: string | null;
  currency: string;
  subtotal: number;
  discount_total: number;
  total: number;
  amount_paid: number;
  note: string | null;
  occurred_at: Date;
  completed_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  item_count: number;
}

export interface SaleLineRow {
  line: number;
  sku: string | null;
  description: string;
  category: string | null;
  metal: string | null;
  quantity: number;
  unit_price: number;
  discount: number;
  total: number;
  return_of_line: number | null;
}

export interface SalePaymentRow {
  seq: number;
  method: string;
  amount: number;
  reference: string | null;
  store_credit_transaction_id: string | null;
  staff_name: string | null;
  paid_at: Date;
}

/** Columns of {@link SaleRow} from `sales s`; `bigint` comes back as a string from `pg`, so cast. */
export const SALE_COLUMNS = `s.tenant_id, s.id, s.number::float8 AS number, s.type, s.status,
  s.customer_id, s.branch_id, s.staff_name, s.parent_sale_id, s.linked_sale_id, s.external_id,
  s.invoice_id, trim(s.currency) AS currency, s.subtotal::float8 AS subtotal,
  s.discount_total::float8 AS discount_total, s.total::float8 AS total,
  s.amount_paid::float8 AS amount_paid, s.note, s.occurred_at, s.completed_at, s.cancelled_at,
  s.created_at,
  (SELECT COALESCE(sum(l.quantity), 0)::int FROM sale_lines l
    WHERE l.tenant_id = s.tenant_id AND l.sale_id = s.id) AS item_count`;

const LINE_COLUMNS = `line, sku, description, category, metal, quantity,
  unit_price::float8 AS unit_price, discount::float8 AS discount, total::float8 AS total, return_of_line`;
const PAYMENT_COLUMNS = `seq, method, amount::float8 AS amount, reference,
  store_credit_transaction_id, staff_name, paid_at`;

/**
 * The SQL condition limiting `sales` rows (alias `s`) to what a credential may see: its
 * tenant; for a branch-limited credential, the sales of customers it may see (the rule of
 * `customers/visibility.ts`: customers of its branch or of none) and the guest sales rung up
 * at its branch (decision 0025). Appends its parameters to `params`.
 */
export function visibleSalesSql(
  principal: TenantPrincipal,
  params: SqlParam[],
  alias = 's',
): string {
  params.push(principal.tenant.id);
  let sql = `${alias}.tenant_id = $${params.length}`;
  if (principal.branchId) {
    params.push(principal.branchId);
    const branch = `$${params.length}`;
    sql += ` AND (CASE WHEN ${alias}.customer_id IS NULL THEN ${alias}.branch_id = ${branch}
      ELSE EXISTS (SELECT 1 FROM customers vc WHERE vc.tenant_id = ${alias}.tenant_id
        AND vc.id = ${alias}.customer_id
        AND (vc.home_branch_id = ${branch} OR vc.home_branch_id IS NULL)) END)`;
  }
  return sql;
}

/** Takes the tenant's next receipt number; the counter row stays locked until commit. */
export function nextSaleNumber(tx: Queryable, tenantId: string): Promise<number> {
  return nextCounterValue(tx, tenantId, 'sale');
}

/** A sale to write, its lines and its payments. */
export interface NewSale {
  tenantId: string;
  id: string;
  number: number;
  type: Sale['type'];
  status: Sale['status'];
  customerId: string | null;
  branchId: string | null;
  staffName: string | null;
  parentSaleId: string | null;
  linkedSaleId: string | null;
  externalId: string | null;
  /** The invoice a sale was rung up for (decision 0031). */
  invoiceId?: string | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  total: number;
  note: string | null;
  occurredAt: Date;
  createdAt: Date;
  lines: Omit<SaleLineRow, 'line'>[];
}

export async function insertSale(tx: Queryable, sale: NewSale): Promise<void> {
  await tx.query(
    `INSERT INTO sales (tenant_id, id, number, type, status, customer_id, branch_id, staff_name,
       parent_sale_id, linked_sale_id, external_id, currency, subtotal, discount_total, total,
       amount_paid, note, occurred_at, completed_at, created_at, invoice_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $17,
       CASE WHEN $5 = 'completed' THEN $18::timestamptz END, $18, $19)`,
    [
      sale.tenantId,
      sale.id,
      sale.number,
      sale.type,
      sale.status,
      sale.customerId,
      sale.branchId,
      sale.staffName,
      sale.parentSaleId,
      sale.linkedSaleId,
      sale.externalId,
      sale.currency,
      sale.subtotal,
      sale.discountTotal,
      sale.total,
      sale.note,
      sale.occurredAt,
      sale.createdAt,
      sale.invoiceId ?? null,
    ],
  );
  const col = <K extends keyof Omit<SaleLineRow, 'line'>>(k: K) => sale.lines.map((l) => l[k]);
  await tx.query(
    `INSERT INTO sale_lines (tenant_id, sale_id, line, sku, description, category, metal,
       quantity, unit_price, discount, total, return_of_line)
     SELECT $1, $2, n, sku, description, category, metal, quantity, unit_price, discount, total, return_of_line
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bigint[],
                   $9::bigint[], $10::bigint[], $11::int[]) WITH ORDINALITY
            AS l(sku, description, category, metal, quantity, unit_price, discount, total, return_of_line, n)`,
    [
      sale.tenantId,
      sale.id,
      col('sku') as string[],
      col('description'),
      col('category') as string[],
      col('metal') as string[],
      col('quantity').map(String),
      col('unit_price').map(String),
      col('discount').map(String),
      col('total').map(String),
      col('return_of_line').map((v) => (v === null ? null : String(v))) as string[],
    ],
  );
  if (sale.status === 'completed' && sale.customerId) {
    await countPurchases(tx, sale.tenantId, [sale.id]);
  }
}

/** One tender or refund to record against a sale. */
export interface NewPayment {
  method: string;
  amount: number;
  reference: string | null;
  storeCreditTransactionId: string | null;
  staffName: string | null;
  paidAt: Date;
}

/**
 * Appends payments to a sale (numbered after its last) and adds them to `amount_paid`;
 * a layby whose payments reach its total completes.
 */
export async function addPayments(
  tx: Queryable,
  tenantId: string,
  saleId: string,
  payments: NewPayment[],
  now: Date,
): Promise<void> {
  if (payments.length === 0) return;
  await tx.query(
    `INSERT INTO sale_payments (tenant_id, sale_id, seq, method, amount, reference,
       store_credit_transaction_id, staff_name, paid_at, created_at)
     SELECT $1, $2, (SELECT COALESCE(max(seq), 0) FROM sale_payments
                      WHERE tenant_id = $1 AND sale_id = $2) + n,
            method, amount, reference, sct, staff, paid_at, $9
       FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
            WITH ORDINALITY AS p(method, amount, reference, sct, staff, paid_at, n)`,
    [
      tenantId,
      saleId,
      payments.map((p) => p.method),
      payments.map((p) => String(p.amount)),
      payments.map((p) => p.reference) as string[],
      payments.map((p) => p.storeCreditTransactionId) as string[],
      payments.map((p) => p.staffName) as string[],
      payments.map((p) => p.paidAt.toISOString()),
      now,
    ],
  );
  const { rows } = await tx.query<{ completes: boolean }>(
    `UPDATE sales s SET amount_paid = s.amount_paid + $3,
       status = CASE WHEN s.type = 'layby' AND s.status = 'open' AND s.amount_paid + $3 >= s.total
                     THEN 'completed' ELSE s.status END,
       completed_at = CASE WHEN s.type = 'layby' AND s.status = 'open' AND s.amount_paid + $3 >= s.total
                           THEN $4 ELSE s.completed_at END
       FROM (SELECT status FROM sales WHERE tenant_id = $1 AND id = $2) AS was
     WHERE s.tenant_id = $1 AND s.id = $2
     RETURNING (was.status = 'open' AND s.status = 'completed') AS completes`,
    [tenantId, saleId, payments.reduce((s, p) => s + p.amount, 0), now],
  );
  // A layby paid off now counts in its customer's purchase figures.
  if (rows[0]?.completes) await countPurchases(tx, tenantId, [saleId]);
}

/** A visible sale's head, optionally locked for the rest of the transaction; null if not seen. */
export async function readSaleRow(
  db: Queryable,
  principal: TenantPrincipal,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SaleRow | null> {
  const params: SqlParam[] = [id];
  const where = visibleSalesSql(principal, params);
  const { rows } = await db.query<SaleRow>(
    `SELECT ${SALE_COLUMNS} FROM sales s WHERE s.id = $1 AND ${where}${options.lock ? ' FOR UPDATE OF s' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

/** The sale whose `external_id` is this, regardless of credential (the caller checks). */
export async function saleIdByExternalId(
  db: Queryable,
  tenantId: string,
  externalId: string,
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM sales WHERE tenant_id = $1 AND external_id = $2',
    [tenantId, externalId],
  );
  return rows[0]?.id ?? null;
}

export async function readLines(
  db: Queryable,
  tenantId: string,
  saleId: string,
): Promise<SaleLineRow[]> {
  const { rows } = await db.query<SaleLineRow>(
    `SELECT ${LINE_COLUMNS} FROM sale_lines WHERE tenant_id = $1 AND sale_id = $2 ORDER BY line`,
    [tenantId, saleId],
  );
  return rows;
}

export async function readPayments(
  db: Queryable,
  tenantId: string,
  saleId: string,
): Promise<SalePaymentRow[]> {
  const { rows } = await db.query<SalePaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM sale_payments WHERE tenant_id = $1 AND sale_id = $2 ORDER BY seq`,
    [tenantId, saleId],
  );
  return rows;
}

/** Units of each line of a sale returned so far, by line number. */
export async function returnedQuantities(
  db: Queryable,
  tenantId: string,
  saleId: string,
): Promise<Map<number, number>> {
  const { rows } = await db.query<{ line: number; quantity: number }>(
    `SELECT l.return_of_line AS line, sum(l.quantity)::int AS quantity
       FROM sales r JOIN sale_lines l ON l.tenant_id = r.tenant_id AND l.sale_id = r.id
      WHERE r.tenant_id = $1 AND r.parent_sale_id = $2
      GROUP BY l.return_of_line`,
    [tenantId, saleId],
  );
  return new Map(rows.map((r) => [r.line, r.quantity]));
}

/** A list's keyset position: `(occurred_at, id)`. */
export const saleCursor = (row: SaleRow) => [new Date(row.occurred_at).toISOString(), row.id];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSaleListItem(row: SaleRow): SaleListItem {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    status: row.status,
    customer_id: row.customer_id,
    branch_id: row.branch_id,
    staff_name: row.staff_name,
    parent_sale_id: row.parent_sale_id,
    linked_sale_id: row.linked_sale_id,
    external_id: row.external_id,
    invoice_id: row.invoice_id,
    subtotal: money(row.subtotal),
    discount_total: money(row.discount_total),
    total: money(row.total),
    amount_paid: money(row.amount_paid),
    balance_due: money(row.status === 'open' ? row.total - row.amount_paid : 0),
    note: row.note,
    occurred_at: iso(row.occurred_at)!,
    completed_at: iso(row.completed_at),
    cancelled_at: iso(row.cancelled_at),
    created_at: iso(row.created_at)!,
    item_count: row.item_count,
  };
}

/** The full receipt: head, lines (with what was returned of each), payments and returns. */
export async function readSaleDetail(db: Queryable, row: SaleRow): Promise<Sale> {
  const money = (amount: number) => ({ amount, currency: row.currency });
  const [lines, payments, returned, returns] = [
    await readLines(db, row.tenant_id, row.id),
    await readPayments(db, row.tenant_id, row.id),
    await returnedQuantities(db, row.tenant_id, row.id),
    await db.query<{ id: string; number: number; total: number; occurred_at: Date }>(
      `SELECT id, number::float8 AS number, total::float8 AS total, occurred_at FROM sales
        WHERE tenant_id = $1 AND parent_sale_id = $2 ORDER BY occurred_at, id`,
      [row.tenant_id, row.id],
    ),
  ];
  return {
    ...toSaleListItem(row),
    lines: lines.map((l) => ({
      line: l.line,
      sku: l.sku,
      description: l.description,
      category: l.category,
      metal: l.metal as Sale['lines'][number]['metal'],
      quantity: l.quantity,
      unit_price: money(l.unit_price),
      discount: money(l.discount),
      total: money(l.total),
      return_of_line: l.return_of_line,
      returned_quantity: returned.get(l.line) ?? 0,
    })),
    payments: payments.map((p) => ({
      method: p.method as Sale['payments'][number]['method'],
      amount: money(p.amount),
      reference: p.reference,
      store_credit_transaction_id: p.store_credit_transaction_id,
      staff_name: p.staff_name,
      paid_at: iso(p.paid_at)!,
    })),
    returns: returns.rows.map((r) => ({
      id: r.id,
      number: r.number,
      total: money(r.total),
      occurred_at: iso(r.occurred_at)!,
    })),
  };
}

/** Filters of a sales list; `customerId` is required for a customer's purchases. */
export interface SaleFilters {
  customerId?: string | undefined;
  type?: Sale['type'] | undefined;
  branchId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * One page of visible sales, newest first by `(occurred_at, id)`: the tenant's list and a
 * customer's purchases (served by `sales_customer`) are the same query.
 */
export async function listSales(
  db: Queryable,
  principal: TenantPrincipal,
  filters: SaleFilters,
  page: { limit: number; after: { at: Date; id: string } | null },
): Promise<SaleRow[]> {
  const params: SqlParam[] = [];
  const where = [visibleSalesSql(principal, params)];
  const add = (sql: (n: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filters.customerId) add((n) => `s.customer_id = ${n}`, filters.customerId);
  if (filters.type) add((n) => `s.type = ${n}`, filters.type);
  if (filters.branchId) add((n) => `s.branch_id = ${n}`, filters.branchId);
  if (filters.from) add((n) => `s.occurred_at >= ${n}::timestamptz`, filters.from);
  if (filters.to) add((n) => `s.occurred_at < ${n}::timestamptz`, filters.to);
  if (page.after) {
    params.push(page.after.at, page.after.id);
    where.push(`(s.occurred_at, s.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(page.limit + 1);
  const { rows } = await db.query<SaleRow>(
    `SELECT ${SALE_COLUMNS} FROM sales s WHERE ${where.join(' AND ')}
      ORDER BY s.occurred_at DESC, s.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}
