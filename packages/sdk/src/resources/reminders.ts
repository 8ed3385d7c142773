import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { ReminderListParams, ReminderPage } from '../types.js';

/**
 * `loupe.reminders`: upcoming birthdays, anniversaries and spouse birthdays, in the tenant's
 * time zone, soonest first.
 */
export class Reminders extends Resource {
  /**
   * Dates falling within `within_days` of today (default 30, at most 366). Page on with
   * `cursor: page.next_cursor`.
   *
   * @example
   * ```ts
   * const { data } = await loupe.reminders.list({ within_days: 14 });
   * for (const r of data) console.log(`${r.person_name}'s ${r.kind} in ${r.days_away} days`);
   * ```
   */
  list(params?: ReminderListParams, options?: RequestOptions): Promise<ReminderPage> {
    return this.GET('/v1/reminders', { query: params }, options);
  }
}
