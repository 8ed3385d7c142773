import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { dayIn, defaultTimeZone, formatDay } from './dates.js';
import { ReminderPage, ReminderQuery } from './schemas.js';
import { listReminders } from './store.js';

const listRemindersRoute = defineRoute({
  method: 'get',
  path: '/v1/reminders',
  operationId: 'listReminders',
  tags: ['Reminders'],
  summary: 'Upcoming birthdays, anniversaries and spouse birthdays',
  description:
    'Every customer’s birthday, anniversary and spouse’s birthday falling within `within_days` of today (0 = today), soonest first, year-less dates (`--03-28`) included, across the year end. "Today" is read in the tenant’s `time_zone`. Someone born on 29 February is reminded on 28 February in other years. Archived and merged customers are left out; a branch-limited credential sees the customers it can see. Each row says whose date it is, which kind, when it falls and how many days away.',
  permission: 'view_customers',
  request: { query: ReminderQuery },
  responses: { 200: jsonResponse(ReminderPage, 'A page of upcoming dates.') },
});

/** `GET /v1/reminders`. */
export function reminderRoutes() {
  return createRouter().openapi(listRemindersRoute, async (c) => {
    const principal = c.get('principal');
    const { db, clock } = c.get('services');
    const timeZone = principal.tenant.time_zone ?? defaultTimeZone(principal.tenant.country);
    const today = dayIn(clock.now(), timeZone);
    const page = await listReminders(db, principal, today, c.req.valid('query'));
    return c.json({ time_zone: timeZone, today: formatDay(today), ...page }, 200);
  });
}
