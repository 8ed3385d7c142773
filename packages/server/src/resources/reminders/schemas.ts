import { z } from '@hono/zod-openapi';

export const REMINDER_KINDS = ['birthday', 'anniversary', 'spouse_birthday'] as const;

/** One upcoming date. */
export const Reminder = z
  .object({
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    customer_name: z.string().openapi({ example: 'Mei Chen' }),
    kind: z.enum(REMINDER_KINDS),
    whose: z.enum(['customer', 'spouse']).openapi({
      description: '`spouse` for `spouse_birthday`: the date is the partner’s, not the customer’s.',
    }),
    person_name: z.string().nullable().openapi({
      description:
        'Whose date it is: the customer’s name, or `spouse_name` (null when not recorded).',
      example: 'James',
    }),
    date: z.string().openapi({
      description: 'The date as recorded: `1988-03-28`, or `--03-28` without a year.',
      example: '--03-28',
    }),
    next_date: z.string().openapi({
      format: 'date',
      description:
        'When it next falls, in the tenant’s calendar. 29 February falls on 28 February in other years.',
      example: '2026-03-28',
    }),
    days_away: z.number().int().min(0).openapi({ description: '0 is today.', example: 12 }),
    years: z.number().int().nullable().openapi({
      description:
        'The age turned or the anniversary’s number on `next_date`; null without a year.',
      example: 40,
    }),
  })
  .openapi('Reminder');
export type Reminder = z.infer<typeof Reminder>;

export const ReminderQuery = z.object({
  within_days: z.coerce.number().int().min(0).max(366).default(30).openapi({
    description: 'How far ahead to look, in days: 0 is today only; at most 366. Default 30.',
    example: 14,
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({
    description: 'Reminders per page, 1–100. Default 50.',
  }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: 'The `next_cursor` of the previous page.' }),
});

export const ReminderPage = z
  .object({
    time_zone: z.string().openapi({
      description: 'The zone "today" was read in (the tenant’s `time_zone`).',
      example: 'Australia/Sydney',
    }),
    today: z.string().openapi({ format: 'date', example: '2026-03-16' }),
    data: z.array(Reminder),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('ReminderPage');
