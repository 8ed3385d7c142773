import { Hono } from 'hono';
import { pageSecurityHeaders } from '../html.js';
import { DOCS_INIT_SCRIPT, renderDocsPage } from './html.js';
import { createSwaggerAssetStore, isSwaggerAssetName } from './swagger-assets.js';

/** Nothing on the page comes from another origin; Swagger UI sets inline styles itself. */
const DOCS_HEADERS = pageSecurityHeaders(
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'",
);

/**
 * `GET /docs` and its assets: Swagger UI over `/openapi.json`, served from `node_modules`.
 * Not part of the OpenAPI document: it is a page for people, not an API operation.
 */
export function createDocsPageRoutes(): Hono {
  const loadAsset = createSwaggerAssetStore();
  const page = renderDocsPage();
  const routes = new Hono();

  routes.get('/docs', (c) => {
    return c.html(page, 200, DOCS_HEADERS);
  });

  routes.get('/docs/assets/init.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(DOCS_INIT_SCRIPT);
  });

  routes.get('/docs/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!isSwaggerAssetName(name)) return c.notFound();
    const asset = await loadAsset(name);
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(asset.body);
  });

  return routes;
}
