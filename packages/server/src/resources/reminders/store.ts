import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { invalidField } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import {
  type CalendarDay,
  formatDay,
  monthDaysWithin,
  nextOccurrence,
  parsePartialDate,
  yearsOn,
} from './dates.js';
import { REMINDER_KINDS, type Reminder } from './schemas.js';

interface DatedCustomer {
  id: string;
  first_name: string | null;
  last_name: string | null;
  spouse_name: string | null;
  birthday: string | null;
  anniversary: string | null;
  spouse_birthday: string | null;
}

/** Orders reminders: soonest first, then by kind, then by customer (stable across pages). */
const sortKey = (r: Reminder): [number, number, string] => [
  r.days_away,
  REMINDER_KINDS.indexOf(r.kind),
  r.customer_id,
];

function after(a: [number, number, string], b: [number, number, string]): boolean {
  if (a[0] !== b[0]) return a[0] > b[0];
  if (a[1] !== b[1]) return a[1] > b[1];
  return a[2] > b[2];
}

/** The reminders one customer's dates give within the window. */
export function remindersOf(
  customer: DatedCustomer,
  today: CalendarDay,
  within: number,
): Reminder[] {
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
  const out: Reminder[] = [];
  for (const kind of REMINDER_KINDS) {
    const stored = customer[kind];
    const date = stored ? parsePartialDate(stored) : null;
    if (!stored || !date) continue;
    const { on, daysAway } = nextOccurrence(date, today);
    if (daysAway > within) continue;
    out.push({
      customer_id: customer.id,
      customer_name: name,
      kind,
      whose: kind === 'spouse_birthday' ? 'spouse' : 'customer',
      person_name: kind === 'spouse_birthday' ? customer.spouse_name : name,
      date: stored,
      next_date: formatDay(on),
      days_away: daysAway,
      years: yearsOn(date, on),
    });
  }
  return out;
}

/**
 * Upcoming dates of the customers a credential can see (archived, merged and erased ones left
 * out), soonest first. The SQL finds customers with any yearly date on one of the window's
 * month-days through the month-day indexes; `remindersOf` does the calendar.
 */
export async function listReminders(
  db: Queryable,
  principal: TenantPrincipal,
  today: CalendarDay,
  query: { within_days: number; limit: number; cursor?: string | undefined },
): Promise<{ data: Reminder[]; next_cursor: string | null }> {
  let position: [number, number, string] | null = null;
  if (query.cursor) {
    const [days, kind, id] = decodeCursor(query.cursor, ['number', 'number', 'string'] as const);
    if (!Number.isInteger(days) || days < 0 || !Number.isInteger(kind)) {
      throw invalidField('cursor', 'is not a cursor this list returned');
    }
    position = [days, kind, id];
  }
  const from = position?.[0] ?? 0;
  if (from > query.within_days) return { data: [], next_cursor: null };
  const params: SqlParam[] = [monthDaysWithin(today, from, query.within_days)];
  const visible = visibleCustomersSql(principal, params);
  const { rows } = await db.query<DatedCustomer>(
    `SELECT c.id, c.first_name, c.last_name, c.spouse_name, c.birthday, c.anniversary, c.spouse_birthday
       FROM customers c
      WHERE ${visible} AND c.archived_at IS NULL AND c.merged_into IS NULL
        AND (right(c.birthday, 5) = ANY($1::text[])
          OR right(c.anniversary, 5) = ANY($1::text[])
          OR right(c.spouse_birthday, 5) = ANY($1::text[]))`,
    params,
  );
  const all = rows
    .flatMap((row) => remindersOf(row, today, query.within_days))
    .filter((r) => !position || after(sortKey(r), position))
    .sort((a, b) => (after(sortKey(a), sortKey(b)) ? 1 : after(sortKey(b), sortKey(a)) ? -1 : 0));
  const page = all.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page,
    next_cursor: all.length > query.limit && last ? encodeCursor(sortKey(last)) : null,
  };
}
