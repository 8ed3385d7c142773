/**
 * The calendar arithmetic of reminders, apart from SQL and HTTP. Dates are plain calendar
 * days (no time, no zone): "today" is read in the tenant's time zone once, everything after
 * is counting days.
 */

/** A calendar day. `month` 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** A stored birthday or anniversary: `1988-03-28`, or `--03-28` when the year is unknown. */
export interface PartialDate {
  year: number | null;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Reads `YYYY-MM-DD` or `--MM-DD`; null for anything else (stored data predating checks). */
export function parsePartialDate(value: string): PartialDate | null {
  const match = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const year = match[1] ? Number(match[1]) : null;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const longest =
    month === 2 ? (year === null || isLeapYear(year) ? 29 : 28) : daysInMonth(2001, month);
  return day > longest ? null : { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar day it is at `now` in `timeZone` (an IANA name). */
export function dayIn(now: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const serial = (d: CalendarDay) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;

/** Days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return serial(b) - serial(a);
}

/** `d` plus `n` days. */
export function addDays(d: CalendarDay, n: number): CalendarDay {
  const t = new Date((serial(d) + n) * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * Where a month and day falls in `year`. 29 February falls on 28 February in a year without
 * one: still the birthday month, and the day before the date it would be (decision 0022).
 */
export function observedIn(year: number, month: number, day: number): CalendarDay {
  if (month === 2 && day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month, day };
}

/** The next time a yearly date comes round, on or after `today`, and how many days away. */
export function nextOccurrence(
  date: Pick<PartialDate, 'month' | 'day'>,
  today: CalendarDay,
): { on: CalendarDay; daysAway: number } {
  let on = observedIn(today.year, date.month, date.day);
  if (daysBetween(today, on) < 0) on = observedIn(today.year + 1, date.month, date.day);
  return { on, daysAway: daysBetween(today, on) };
}

/**
 * The stored month-days (`MM-DD`) whose next occurrence lies within `days` of `today`,
 * inclusive of both ends: what the SQL pre-filter matches. `02-29` joins whenever 28 February
 * of a year without a 29th is in the window.
 */
export function monthDaysWithin(today: CalendarDay, fromDay: number, days: number): string[] {
  const out = new Set<string>();
  for (let i = fromDay; i <= days; i++) {
    const d = addDays(today, i);
    out.add(monthDay(d.month, d.day));
    if (d.month === 2 && d.day === 28 && !isLeapYear(d.year)) out.add('02-29');
  }
  return [...out];
}

/**
 * A stretch of a reminder window whose days read in the order of their stored month-days:
 * `from`–`to` (`MM-DD`, inclusive) are days `first`…`last` of the window, one month-day a day,
 * so the index on `(tenant_id, month-day, id)` returns them soonest first. A `merged` run is
 * 28 February of a year without a 29th: `02-28` and `02-29` both fall that day, so within it
 * the order is by kind and customer alone.
 */
export interface WindowRun {
  first: number;
  last: number;
  from: string;
  to: string;
  merged: boolean;
}

/**
 * The runs covering days 0…`days` from `today`, soonest first. A month-day is in one run only,
 * at its first day in the window (a 366-day window reaches today's month-day again, and that
 * is the same reminder); a run breaks at the year end (`12-31` → `01-01`) and around a merged
 * 28 February.
 */
export function windowRuns(today: CalendarDay, days: number): WindowRun[] {
  const runs: WindowRun[] = [];
  const seen = new Set<string>();
  let open: WindowRun | null = null;
  for (let i = 0; i <= days; i++) {
    const d = addDays(today, i);
    const natural = monthDay(d.month, d.day);
    const falling = [natural];
    if (d.month === 2 && d.day === 28 && !isLeapYear(d.year)) falling.push('02-29');
    const fresh = falling.filter((md) => !seen.has(md));
    for (const md of fresh) seen.add(md);
    if (fresh.length === 2) {
      open = null;
      runs.push({ first: i, last: i, from: '02-28', to: '02-29', merged: true });
    } else if (fresh.length === 1) {
      const md = fresh[0]!;
      if (open && open.last === i - 1 && md === natural && md > open.to) {
        open.last = i;
        open.to = md;
      } else {
        open = { first: i, last: i, from: md, to: md, merged: false };
        runs.push(open);
      }
    } else {
      open = null;
    }
  }
  return runs;
}

/** The month-day a (not merged) run reads on day `day` of the window. */
export function monthDayOn(run: WindowRun, today: CalendarDay, day: number): string {
  if (run.from === run.to) return run.from;
  const d = addDays(today, day);
  return monthDay(d.month, d.day);
}

export const monthDay = (month: number, day: number) =>
  `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const formatDay = (d: CalendarDay) =>
  `${String(d.year).padStart(4, '0')}-${monthDay(d.month, d.day)}`;

/** Whole years since `year` on the occurrence (the age turned, the anniversary's number). */
export function yearsOn(date: PartialDate, on: CalendarDay): number | null {
  return date.year === null ? null : on.year - date.year;
}

/**
 * Whether `timeZone` is an IANA zone this runtime knows. `Intl` also accepts offsets such as
 * `+10:00`, which have no daylight saving and no name: refused.
 */
export function isIanaTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a tenant's dates are read in when it set none: the zone most of the country's
 * people live in, or UTC for a country not listed. A shop elsewhere sets `time_zone`.
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  US: 'America/New_York',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  SG: 'Asia/Singapore',
  HK: 'Asia/Hong_Kong',
  JP: 'Asia/Tokyo',
  IN: 'Asia/Kolkata',
  AE: 'Asia/Dubai',
  ZA: 'Africa/Johannesburg',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  IT: 'Europe/Rome',
  ES: 'Europe/Madrid',
  NL: 'Europe/Amsterdam',
  CH: 'Europe/Zurich',
};

export function defaultTimeZone(country: string | null): string {
  return (country && COUNTRY_ZONES[country]) || 'UTC';
}
