import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { invalidField } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import {
  type CalendarDay,
  formatDay,
  monthDayOn,
  nextOccurrence,
  parsePartialDate,
  type WindowRun,
  windowRuns,
  yearsOn,
} from './dates.js';
import { REMINDER_KINDS, type Reminder } from './schemas.js';

type ReminderKind = (typeof REMINDER_KINDS)[number];

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

/** The reminder one of a customer's dates gives within the window, or null. */
export function reminderOf(
  customer: DatedCustomer,
  kind: ReminderKind,
  today: CalendarDay,
  within: number,
): Reminder | null {
  const stored = customer[kind];
  const date = stored ? parsePartialDate(stored) : null;
  if (!stored || !date) return null;
  const { on, daysAway } = nextOccurrence(date, today);
  if (daysAway > within) return null;
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
  return {
    customer_id: customer.id,
    customer_name: name,
    kind,
    whose: kind === 'spouse_birthday' ? 'spouse' : 'customer',
    person_name: kind === 'spouse_birthday' ? customer.spouse_name : name,
    date: stored,
    next_date: formatDay(on),
    days_away: daysAway,
    years: yearsOn(date, on),
  };
}

/** The reminders one customer's dates give within the window. */
export function remindersOf(
  customer: DatedCustomer,
  today: CalendarDay,
  within: number,
): Reminder[] {
  return REMINDER_KINDS.flatMap((kind) => reminderOf(customer, kind, today, within) ?? []);
}

/** Where a read resumes inside a run: after this month-day (unused in a merged run), kind, id. */
interface RunPosition {
  md: string;
  kind: number;
  id: string;
}

type Candidate = DatedCustomer & { kind: number; md: string };

/**
 * Up to `n` of the run's dated customers in reminder order after `after`: per kind, a range of
 * that kind's month-day index (`tenant_id, right(date, 5), id`, migration 0023) read in order
 * with a limit, the three merged. A merged run (28 February of a common year) orders by id.
 */
async function readRun(
  db: Queryable,
  principal: TenantPrincipal,
  run: WindowRun,
  after: RunPosition | null,
  n: number,
): Promise<Candidate[]> {
  const params: SqlParam[] = [];
  const visible = visibleCustomersSql(principal, params);
  const param = (v: SqlParam) => {
    params.push(v);
    return `$${params.length}::text`;
  };
  const from = param(run.from);
  const to = param(run.to);
  const md = after && !run.merged ? param(after.md) : '';
  const id = after ? param(after.id) : '';
  params.push(n);
  const limit = `$${params.length}::int`;
  const arms = REMINDER_KINDS.flatMap((kind, k) => {
    const key = `right(c.${kind}, 5)`;
    let resume = '';
    if (after && run.merged) {
      if (k < after.kind) return [];
      if (k === after.kind) resume = `AND c.id > ${id}`;
    } else if (after) {
      resume =
        k < after.kind
          ? `AND ${key} > ${md}`
          : k === after.kind
            ? `AND (${key}, c.id) > (${md}, ${id})`
            : `AND ${key} >= ${md}`;
    }
    return [
      `(SELECT c.id, c.first_name, c.last_name, c.spouse_name, c.birthday, c.anniversary,
               c.spouse_birthday, ${k} AS kind, ${key} AS md
          FROM customers c
         WHERE ${visible} AND c.archived_at IS NULL AND c.merged_into IS NULL
           AND c.${kind} IS NOT NULL AND ${key} BETWEEN ${from} AND ${to} ${resume}
         ORDER BY ${run.merged ? '' : `${key}, `}c.id LIMIT ${limit})`,
    ];
  });
  if (arms.length === 0) return [];
  const { rows } = await db.query<Candidate>(
    `SELECT * FROM (${arms.join(' UNION ALL ')}) u
      ORDER BY ${run.merged ? '' : 'md, '}kind, id LIMIT ${limit}`,
    params,
  );
  return rows;
}

/**
 * Upcoming dates of the customers a credential can see (archived, merged and erased ones left
 * out), soonest first, then by kind, then by customer. The window is cut into runs of days
 * whose month-days read in calendar order (`windowRuns`: the year end, a common year's 28
 * February); each run is read through the month-day indexes in that order with a limit, so a
 * page costs about its own rows however wide the window (decision 0033). `reminderOf` does the
 * calendar for each row read.
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
  const found: Reminder[] = [];
  const wanted = query.limit + 1;
  for (const run of windowRuns(today, query.within_days)) {
    if (position && run.last < position[0]) continue;
    let after: RunPosition | null =
      position && run.first <= position[0]
        ? {
            md: run.merged ? '' : monthDayOn(run, today, position[0]),
            kind: position[1],
            id: position[2],
          }
        : null;
    for (;;) {
      const need = wanted - found.length;
      const rows = await readRun(db, principal, run, after, need);
      for (const row of rows) {
        const reminder = reminderOf(row, REMINDER_KINDS[row.kind]!, today, query.within_days);
        if (reminder) found.push(reminder);
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < need || found.length >= wanted) break;
      after = { md: last.md, kind: last.kind, id: last.id };
    }
    if (found.length >= wanted) break;
  }
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page,
    next_cursor: found.length > query.limit && last ? encodeCursor(sortKey(last)) : null,
  };
}
