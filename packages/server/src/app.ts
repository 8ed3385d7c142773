import type { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate } from './core/auth/authenticate.js';
import { errorHandler, routeNotFound } from './core/errors.js';
import type { AppEnv } from './core/hono-env.js';
import { createRouter } from './core/http/router.js';
import { limitBody, MAX_BODY_BYTES } from './core/middleware/body-limit.js';
import { cors, enforceOrigin } from './core/middleware/cors.js';
import { readJsonBody } from './core/middleware/json-body.js';
import { observeRequests } from './core/middleware/observe.js';
import { limitFailedAuth, rateLimit } from './core/middleware/rate-limit.js';
import { requestId } from './core/middleware/request-id.js';
import { securityHeaders } from './core/middleware/security-headers.js';
import { openApiDocument } from './core/openapi.js';
import type { Services } from './core/services.js';
import { demoPageRoutes } from './pages/demo/routes.js';
import { createDocsPageRoutes } from './pages/docs/routes.js';
import { verifyPageRoutes } from './pages/verify/routes.js';
import { widgetRoutes } from './pages/widgets/routes.js';
import { bespokeJobRoutes } from './resources/bespoke-jobs/routes.js';
import { branchRoutes } from './resources/branches/routes.js';
import { OutboxWorker } from './resources/communications/outbox-worker.js';
import { communicationRoutes } from './resources/communications/routes.js';
import { ImportWorker } from './resources/customers/csv/import-worker.js';
import {
  DOCUMENT_UPLOAD_PATH,
  MULTIPART_OVERHEAD_BYTES,
} from './resources/customers/documents/content.js';
import { customerRoutes } from './resources/customers/routes.js';
import { StoreCreditExpiryWorker } from './resources/customers/store-credit/expiry-worker.js';
import { documentRoutes } from './resources/documents/routes.js';
import { healthRoutes } from './resources/health/routes.js';
import { invoiceRoutes } from './resources/invoices/routes.js';
import { keyRoutes } from './resources/keys/routes.js';
import { meRoutes } from './resources/me/routes.js';
import { metricsRoutes } from './resources/metrics/routes.js';
import { noteRoutes } from './resources/notes/routes.js';
import { passportRoutes } from './resources/passports/routes.js';
import { platformRoutes } from './resources/platform/routes.js';
import { quoteRoutes } from './resources/quotes/routes.js';
import { readyRoutes } from './resources/ready/routes.js';
import { reminderRoutes } from './resources/reminders/routes.js';
import { repairRoutes } from './resources/repairs/routes.js';
import { reportRoutes } from './resources/reports/routes.js';
import { saleRoutes } from './resources/sales/routes.js';
import { segmentRoutes } from './resources/segments/routes.js';
import { SegmentsWorker } from './resources/segments/worker.js';
import { sessionRoutes } from './resources/sessions/routes.js';
import { shopifyRoutes } from './resources/shopify/routes.js';
import { tenantRoutes } from './resources/tenant/routes.js';
import { WebhookWorker } from './resources/webhooks/delivery-worker.js';
import { describeWebhookDeliveries, webhookEndpointRoutes } from './resources/webhooks/routes.js';
import { wakeWebhooksAfterWrites } from './resources/webhooks/wake.js';

/**
 * Builds the Loupe HTTP app over injected services. Middleware order matters:
 * request id → request log and metrics → security headers → CORS (preflight, response
 * headers) → [/v1: body size → failed-auth limit → authenticate → rate limit → origin check → JSON
 * body → webhook wake-up] →
 * routes (each: access check → idempotency on a POST → validation).
 */
export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const app = createRouter();
  // Background work the routes queue (woken by requests; `main` starts it to resume jobs).
  services.workers.add(new ImportWorker(services));
  services.workers.add(new StoreCreditExpiryWorker(services));
  services.workers.add(new OutboxWorker(services));
  services.workers.add(new SegmentsWorker(services));
  services.workers.add(new WebhookWorker(services));

  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use('*', requestId());
  app.use('*', observeRequests(services));
  app.use('*', securityHeaders());
  app.use('*', cors());
  app.use(
    '/v1/*',
    // A document upload may be larger than any other body (LOUPE_DOCUMENT_MAX_BYTES).
    limitBody(MAX_BODY_BYTES, {
      path: DOCUMENT_UPLOAD_PATH,
      maxSize: services.config.documentMaxBytes + MULTIPART_OVERHEAD_BYTES,
    }),
    limitFailedAuth(),
    authenticate(),
    rateLimit(),
    enforceOrigin(),
    readJsonBody(),
    wakeWebhooksAfterWrites(),
  );
  app.onError(errorHandler((message, fields) => services.logger.error(message, fields)));
  app.notFound(routeNotFound);

  // The API: one line per resource (src/resources/<segment>/routes.ts).
  app.route('/', healthRoutes());
  app.route('/', readyRoutes());
  if (services.metrics && services.config.metricsToken) {
    app.route('/', metricsRoutes(services.metrics, services.config.metricsToken));
  }
  app.route('/', platformRoutes());
  app.route('/', tenantRoutes());
  app.route('/', meRoutes());
  app.route('/', keyRoutes());
  app.route('/', sessionRoutes());
  app.route('/', branchRoutes());
  app.route('/', customerRoutes());
  app.route('/', repairRoutes());
  app.route('/', bespokeJobRoutes());
  app.route('/', reportRoutes());
  app.route('/', noteRoutes());
  app.route('/', communicationRoutes());
  app.route('/', reminderRoutes());
  app.route('/', passportRoutes());
  app.route('/', saleRoutes());
  app.route('/', segmentRoutes());
  app.route('/', documentRoutes());
  app.route('/', quoteRoutes());
  app.route('/', invoiceRoutes());
  // Outside /v1: Shopify's app proxy signs its requests instead of sending a credential.
  app.route('/', shopifyRoutes());
  app.route('/', webhookEndpointRoutes());
  describeWebhookDeliveries(app);
  // Pages for people (src/pages/): not part of the OpenAPI document.
  app.route('/', createDocsPageRoutes());
  app.route('/', demoPageRoutes({ widgetsDir: services.config.widgetsDir }));
  app.route('/', verifyPageRoutes({ widgetsDir: services.config.widgetsDir }));
  app.route('/', widgetRoutes(services.config.widgetsDir));

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });
  return app;
}
