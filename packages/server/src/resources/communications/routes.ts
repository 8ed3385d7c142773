import { z } from '@hono/zod-openapi';
import { ApiError } from '../../core/errors.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { applyDeliveryEvent } from './events.js';
import { COMMUNICATION_STATUSES } from './schemas.js';
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS, signatureProblem } from './signature.js';

/** `POST /v1/communications/events` body. */
const DeliveryEventBody = z
  .object({
    event: z.enum(['delivered', 'bounced']).openapi({ example: 'delivered' }),
    tenant_id: z.string().min(1).max(64).openapi({ example: 'ten_01jd8x3k2m0000000000000000' }),
    communication_id: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: 'com_01jd8x3k2m0000000000000000' }),
    detail: z.string().max(1000).nullish().openapi({
      description: 'The provider’s words (a bounce reason), kept with the event.',
      example: '550 5.1.1 Mailbox does not exist',
    }),
    occurred_at: z.string().datetime({ offset: true }).optional().openapi({
      description: 'When the provider saw it; now when left out.',
    }),
  })
  .strict()
  .openapi('DeliveryEventRequest');

const DeliveryEventResult = z
  .object({
    communication_id: z.string(),
    status: z.enum(COMMUNICATION_STATUSES),
    changed: z.boolean().openapi({
      description:
        'False when the event was already recorded (a provider’s retry): nothing changed.',
    }),
  })
  .openapi('DeliveryEventResult');

const receiveDeliveryEvent = defineRoute({
  method: 'post',
  path: '/v1/communications/events',
  operationId: 'receiveDeliveryEvent',
  tags: ['Communications'],
  summary: 'Receive a delivery event from the mail provider',
  description: [
    'For the mail provider (or a relay in front of it), not for API clients: `delivered` and `bounced` events move a sent message’s `status` and are added to its `events`. Every message Loupe sends carries `X-Loupe-Communication: <tenant_id>/<communication_id>`; send those two back.',
    `**Signed.** The request carries \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<signature>\`, where the signature is the lower-case hex HMAC-SHA256, keyed with \`LOUPE_MAIL_WEBHOOK_SECRET\`, of the timestamp, a full stop and the raw request body (\`<t>.<body>\`). The timestamp must be within ${SIGNATURE_TOLERANCE_SECONDS} seconds of the server’s clock; several \`v1=\` entries may be sent while a secret is rotated. A missing, malformed, stale or wrong signature answers 401 \`invalid_signature\` before the body is read.`,
    'Idempotent: an event already recorded answers 200 with `changed: false`. `delivered` applies to a `sent` message, `bounced` to a `sent` or `delivered` one; a message never sent answers 409 `communication_not_sent` (retry later if it is still `queued`); an unknown one 404. When `LOUPE_MAIL_WEBHOOK_SECRET` is unset the route is off and answers 404.',
  ].join('\n\n'),
  credential: 'none',
  request: {
    headers: z.object({
      'loupe-signature': z.string().optional().openapi({
        description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.',
        example: 't=1764739200,v1=5f2b…',
      }),
    }),
    body: {
      required: true,
      content: { 'application/json': { schema: DeliveryEventBody } },
    },
  },
  responses: { 200: jsonResponse(DeliveryEventResult, 'The message’s status after the event.') },
  errors: [
    'not_found',
    'invalid_signature',
    'communication_not_sent',
    'validation_failed',
    'invalid_json',
  ],
});

/** `POST /v1/communications/events`: the signed delivery-event webhook. */
export function communicationRoutes() {
  const router = createRouter();
  router.use('/v1/communications/events', async (c, next) => {
    const { config, clock } = c.get('services');
    const secret = config.mail.webhookSecret;
    if (!secret) {
      throw new ApiError(
        'not_found',
        'Delivery events are off on this server: LOUPE_MAIL_WEBHOOK_SECRET is not set.',
      );
    }
    // Checked before the body is validated: an unsigned request learns nothing about it.
    const problem = signatureProblem(
      secret,
      c.req.header(SIGNATURE_HEADER),
      await c.req.text(),
      Math.floor(clock.now().getTime() / 1000),
    );
    if (problem) throw new ApiError('invalid_signature', problem);
    await next();
  });
  return router.openapi(receiveDeliveryEvent, async (c) => {
    const body = c.req.valid('json');
    const { db, clock } = c.get('services');
    const result = await db.transaction((tx) =>
      applyDeliveryEvent(tx, {
        tenantId: body.tenant_id,
        communicationId: body.communication_id,
        type: body.event,
        detail: body.detail ?? null,
        at: body.occurred_at ? new Date(body.occurred_at) : clock.now(),
      }),
    );
    return c.json({ communication_id: body.communication_id, ...result }, 200);
  });
}
