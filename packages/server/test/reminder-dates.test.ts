import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dayIn,
  defaultTimeZone,
  isIanaTimeZone,
  monthDaysWithin,
  nextOccurrence,
  parsePartialDate,
  windowRuns,
} from '../src/resources/reminders/dates.js';
import { remindersOf } from '../src/resources/reminders/store.js';

const day = (s: string) => {
  const [year, month, d] = s.split('-').map(Number) as [number, number, number];
  return { year, month, day: d };
};
const next = (date: string, today: string) => {
  const parsed = parsePartialDate(date);
  assert.ok(parsed, date);
  const { on, daysAway } = nextOccurrence(parsed, day(today));
  return [
    `${on.year}-${String(on.month).padStart(2, '0')}-${String(on.day).padStart(2, '0')}`,
    daysAway,
  ];
};

describe('reminder dates', () => {
  it('reads full and year-less dates, and refuses impossible ones', () => {
    assert.deepEqual(parsePartialDate('1988-03-28'), { year: 1988, month: 3, day: 28 });
    assert.deepEqual(parsePartialDate('--11-02'), { year: null, month: 11, day: 2 });
    assert.deepEqual(parsePartialDate('--02-29'), { year: null, month: 2, day: 29 });
    assert.deepEqual(parsePartialDate('1992-02-29'), { year: 1992, month: 2, day: 29 });
    for (const bad of ['1991-02-29', '--02-30', '--13-01', '--04-31', '1988-3-28', 'soon', '']) {
      assert.equal(parsePartialDate(bad), null, bad);
    }
  });

  it('counts days to the next occurrence, today being 0', () => {
    assert.deepEqual(next('--03-28', '2026-03-28'), ['2026-03-28', 0]);
    assert.deepEqual(next('1988-03-29', '2026-03-28'), ['2026-03-29', 1]);
    assert.deepEqual(next('--03-27', '2026-03-28'), ['2027-03-27', 364]);
  });

  it('crosses the year end', () => {
    assert.deepEqual(next('--01-02', '2026-12-31'), ['2027-01-02', 2]);
    assert.deepEqual(next('--12-31', '2026-12-31'), ['2026-12-31', 0]);
    assert.deepEqual(next('--01-01', '2026-12-31'), ['2027-01-01', 1]);
  });

  it('puts 29 February on 28 February in years without one, and on the 29th in leap years', () => {
    assert.deepEqual(next('1992-02-29', '2026-02-01'), ['2026-02-28', 27]);
    assert.deepEqual(next('--02-29', '2026-02-28'), ['2026-02-28', 0]);
    // Past the 28th in a common year: the next is the real 29th of the leap year after.
    assert.deepEqual(next('--02-29', '2027-03-01'), ['2028-02-29', 365]);
    assert.deepEqual(next('--02-29', '2028-02-28'), ['2028-02-29', 1]);
    // The 28th's own people are unaffected.
    assert.deepEqual(next('--02-28', '2028-02-28'), ['2028-02-28', 0]);
  });

  it('lists the month-days a window covers, with 02-29 when 28 February of a common year is in it', () => {
    assert.deepEqual(monthDaysWithin(day('2026-12-30'), 0, 3), [
      '12-30',
      '12-31',
      '01-01',
      '01-02',
    ]);
    assert.ok(monthDaysWithin(day('2026-02-27'), 0, 1).includes('02-29'));
    assert.ok(!monthDaysWithin(day('2028-02-27'), 0, 1).includes('02-29'));
    assert.ok(monthDaysWithin(day('2028-02-27'), 0, 2).includes('02-29'));
    assert.equal(monthDaysWithin(day('2026-01-01'), 0, 366).length, 366);
    assert.deepEqual(monthDaysWithin(day('2026-12-30'), 2, 3), ['01-01', '01-02']);
  });

  it('cuts a window into runs read in month-day order: the year end, a common year’s 28 February', () => {
    const runs = (today: string, days: number) =>
      windowRuns(day(today), days).map(
        (r) => `${r.first}-${r.last} ${r.from}..${r.to}${r.merged ? ' merged' : ''}`,
      );
    assert.deepEqual(runs('2026-12-30', 3), ['0-1 12-30..12-31', '2-3 01-01..01-02']);
    assert.deepEqual(runs('2027-02-26', 4), [
      '0-1 02-26..02-27',
      '2-2 02-28..02-29 merged',
      '3-4 03-01..03-02',
    ]);
    // A leap year's 28th, 29th and 1 March are one run.
    assert.deepEqual(runs('2028-02-27', 3), ['0-3 02-27..03-01']);
    // A whole year never reads a month-day twice: the 366th day is today's again.
    assert.deepEqual(runs('2026-01-01', 366), [
      '0-57 01-01..02-27',
      '58-58 02-28..02-29 merged',
      '59-364 03-01..12-31',
    ]);
    assert.deepEqual(runs('2027-02-28', 366), [
      '0-0 02-28..02-29 merged',
      '1-306 03-01..12-31',
      '307-364 01-01..02-27',
    ]);
  });

  it('reads today in the tenant’s zone: one instant is two calendar days', () => {
    const instant = new Date('2026-12-31T14:30:00Z');
    assert.deepEqual(dayIn(instant, 'Australia/Sydney'), { year: 2027, month: 1, day: 1 });
    assert.deepEqual(dayIn(instant, 'UTC'), { year: 2026, month: 12, day: 31 });
    assert.deepEqual(dayIn(instant, 'America/Los_Angeles'), { year: 2026, month: 12, day: 31 });
  });

  it('accepts IANA zone names only, and defaults from the country or to UTC', () => {
    for (const ok of ['Australia/Perth', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+10']) {
      assert.ok(isIanaTimeZone(ok), ok);
    }
    for (const bad of ['Mars/Olympus', '+10:00', 'AEST ', '', 'australia sydney']) {
      assert.ok(!isIanaTimeZone(bad), bad);
    }
    assert.equal(defaultTimeZone('AU'), 'Australia/Sydney');
    assert.equal(defaultTimeZone('NZ'), 'Pacific/Auckland');
    assert.equal(defaultTimeZone('ZZ'), 'UTC');
    assert.equal(defaultTimeZone(null), 'UTC');
  });

  it('says whose date each reminder is, with the years turned when the year is known', () => {
    const reminders = remindersOf(
      {
        id: 'cus_1',
        first_name: 'Mei',
        last_name: 'Chen',
        spouse_name: 'James',
        birthday: '1986-01-02',
        anniversary: '--12-31',
        spouse_birthday: '1984-03-01',
      },
      day('2026-12-31'),
      14,
    );
    assert.deepEqual(
      reminders.map((r) => [r.kind, r.whose, r.person_name, r.next_date, r.days_away, r.years]),
      [
        ['birthday', 'customer', 'Mei Chen', '2027-01-02', 2, 41],
        ['anniversary', 'customer', 'Mei Chen', '2026-12-31', 0, null],
      ],
    );
    const spouse = remindersOf(
      {
        id: 'cus_2',
        first_name: 'Ana',
        last_name: null,
        spouse_name: null,
        birthday: 'not a date',
        anniversary: null,
        spouse_birthday: '--01-05',
      },
      day('2026-12-31'),
      14,
    );
    assert.deepEqual(
      spouse.map((r) => [r.kind, r.whose, r.person_name, r.days_away]),
      [['spouse_birthday', 'spouse', null, 5]],
    );
  });
});
