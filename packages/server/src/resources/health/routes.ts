import { z } from '@hono/zod-openapi';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse, Problem } from '../../core/http/schemas.js';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

const getHealth = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Health'],
  summary: 'Liveness: the server has migrated and accepts requests',
  description:
    'For uptime checks and orchestrators’ liveness probes: it takes no input and touches no database, so it fails only when the process can’t answer.',
  credential: 'none',
  responses: {
    200: jsonResponse(Health, 'The server is up.'),
    500: {
      description: 'Internal error; quote the request id.',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

/** `GET /health`. */
export function healthRoutes() {
  return createRouter().openapi(getHealth, (c) => c.json({ status: 'ok' as const }, 200));
}
