import type { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate } from './auth/authenticate.js';
import { branchRoutes } from './branches/routes.js';
import { csvRoutes } from './csv/routes.js';
import { customerRoutes } from './customers/routes.js';
import { createDocsPageRoutes } from './docs-page/routes.js';
import { duplicateRoutes } from './duplicates/routes.js';
import { errorHandler, routeNotFound } from './errors.js';
import { healthRoutes } from './health/routes.js';
import type { AppEnv } from './hono-env.js';
import { createRouter } from './http/router.js';
import { keyRoutes } from './keys/routes.js';
import { meRoutes } from './me/routes.js';
import { limitBody } from './middleware/body-limit.js';
import { cors, enforceOrigin } from './middleware/cors.js';
import { idempotency } from './middleware/idempotency.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { openApiDocument } from './openapi.js';
import { demoPageRoutes } from './pages/demo.js';
import { platformRoutes } from './platform/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import type { Services } from './services.js';
import { sessionRoutes } from './sessions/routes.js';
import { storeCreditRoutes } from './store-credit/routes.js';
import { summaryRoutes } from './summary/routes.js';
import { tenantRoutes } from './tenant/routes.js';

/**
 * Builds the Loupe HTTP app over injected services. Middleware order matters:
 * request id → CORS (preflight, response headers) → [/v1: body size → authenticate → origin
 * check → rate limit → idempotency] → routes.
 */
export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const app = createRouter();

  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use('*', requestId());
  app.use('*', cors());
  app.use('/v1/*', limitBody(), authenticate(), enforceOrigin(), rateLimit(), idempotency());
  app.onError(errorHandler((message, fields) => services.logger.error(message, fields)));
  app.notFound(routeNotFound);

  // One line per route module. Static paths such as /v1/customers/export.csv must be
  // mounted before customerRoutes, whose /v1/customers/{id} would otherwise match them.
  app.route('/', healthRoutes());
  app.route('/', platformRoutes());
  app.route('/', tenantRoutes());
  app.route('/', meRoutes());
  app.route('/', keyRoutes());
  app.route('/', sessionRoutes());
  app.route('/', branchRoutes());
  // H2 mounts here: CSV export/import, store credit, summary, duplicates, privacy, demo, docs.
  app.route('/', csvRoutes());
  app.route('/', customerRoutes());
  app.route('/', storeCreditRoutes());
  app.route('/', summaryRoutes());
  app.route('/', duplicateRoutes());
  app.route('/', privacyRoutes());
  app.route('/', createDocsPageRoutes());
  app.route('/', demoPageRoutes({ widgetsDir: services.config.widgetsDir }));

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });
  return app;
}
