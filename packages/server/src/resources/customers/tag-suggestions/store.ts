import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import { readRfm, toCustomerSegment } from '../../segments/store.js';
import { formatMinorUnits } from '../store-credit/balance.js';
import { type KeptLine, suggestTags, type TagSuggestion } from './rules.js';

/** The most recent kept lines the rules read (a 5,000-sale customer stays one short query). */
const LINES = 500;

/**
 * The facts the rules read, for a customer the caller already found visible: the tags and
 * dates on the record, what they kept of their completed purchases (newest first, returned
 * quantities taken off) and their stored scores.
 */
export async function readTagSuggestions(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  now: Date,
): Promise<TagSuggestion[]> {
  const tenantId = principal.tenant.id;
  const customer = await db.query<{
    tags: string[];
    is_vip: boolean;
    anniversary: string | null;
    spouse_name: string | null;
    spouse_birthday: string | null;
  }>(
    `SELECT tags, is_vip, anniversary, spouse_name, spouse_birthday FROM customers
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, customerId],
  );
  const record = customer.rows[0];
  if (!record) return [];
  const lines = await db.query<{
    sale_id: string;
    occurred_at: Date;
    description: string;
    category: string | null;
    kept: number;
  }>(
    `SELECT s.id AS sale_id, s.occurred_at, l.description, l.category,
            (l.quantity - COALESCE((
               SELECT sum(rl.quantity) FROM sales r
                 JOIN sale_lines rl ON rl.tenant_id = r.tenant_id AND rl.sale_id = r.id
                WHERE r.tenant_id = s.tenant_id AND r.parent_sale_id = s.id
                  AND r.status = 'completed' AND rl.return_of_line = l.line), 0))::int AS kept
       FROM sales s JOIN sale_lines l ON l.tenant_id = s.tenant_id AND l.sale_id = s.id
      WHERE s.tenant_id = $1 AND s.customer_id = $2 AND s.status = 'completed'
        AND s.type <> 'return'
      ORDER BY s.occurred_at DESC, s.id DESC, l.line
      LIMIT ${LINES}`,
    [tenantId, customerId],
  );
  const kept: KeptLine[] = lines.rows
    .filter((l) => l.kept > 0)
    .map((l) => ({
      saleId: l.sale_id,
      occurredAt: new Date(l.occurred_at),
      description: l.description,
      category: l.category,
      quantity: l.kept,
    }));
  const stored = await readRfm(db, tenantId, customerId);
  const scores = stored
    ? toCustomerSegment(customerId, stored, principal.tenant.currency, now)
    : null;
  return suggestTags({
    tags: record.tags,
    isVip: record.is_vip,
    anniversary: record.anniversary,
    spouseName: record.spouse_name,
    spouseBirthday: record.spouse_birthday,
    lines: kept,
    scores:
      stored && scores
        ? {
            segment: stored.segment,
            health: stored.health,
            monetaryScore: stored.monetary_score,
            orders: stored.frequency,
            netSpend: formatMinorUnits(stored.monetary, principal.tenant.currency),
            daysSinceLastPurchase: scores.days_since_last_purchase ?? 0,
            expectedGapDays: scores.expected_gap_days ?? 0,
          }
        : null,
  });
}
