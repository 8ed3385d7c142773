import { z } from '@hono/zod-openapi';
import { ApiError } from '../../core/errors.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse, Problem } from '../../core/http/schemas.js';
import { checkReadiness } from './check.js';

const CheckState = z.string().openapi({
  description: '`ok`, `not_configured` (Redis without `REDIS_URL`), or what is wrong.',
  example: 'ok',
});

const Ready = z
  .object({
    status: z.literal('ready'),
    checks: z.object({ database: CheckState, migrations: CheckState, redis: CheckState }),
  })
  .openapi('Ready');

const getReady = defineRoute({
  method: 'get',
  path: '/ready',
  operationId: 'getReady',
  tags: ['Health'],
  summary: 'Readiness: the database answers, migrations are applied, Redis answers',
  description:
    'For load balancers and orchestrators: send traffic only while this is 200. `/health` says only that the process is up.',
  credential: 'none',
  responses: {
    200: jsonResponse(Ready, 'Every dependency answers.'),
    503: {
      description: 'A dependency is unavailable; `checks` says which.',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

/** `GET /ready`. */
export function readyRoutes() {
  return createRouter().openapi(getReady, async (c) => {
    const checks = await checkReadiness(c.get('services'));
    const failing = Object.entries(checks).filter(
      ([, state]) => state !== 'ok' && state !== 'not_configured',
    );
    if (failing.length > 0) {
      throw new ApiError(
        'not_ready',
        `Not ready: ${failing.map(([name, state]) => `${name} ${state}`).join('; ')}.`,
        { extensions: { checks } },
      );
    }
    return c.json({ status: 'ready' as const, checks }, 200);
  });
}
