import { Hono } from 'hono';
import type { AppEnv } from '../../core/hono-env.js';
import { BundleFiles, etagMatches, negotiateEncoding } from './bundle-files.js';

const PREFIX = '/widgets/';

/**
 * `GET /widgets/*`: the widgets package's CDN build, loaded by the demo page and by theme
 * `<script type="module">` tags on shops' own origins. Served as a CDN would serve public
 * code: CORS open to every origin (module scripts need it; no credentials), immutable caching
 * for content-hashed chunks and revalidation for the tag-named entries, strong ETags with
 * 304s, and brotli or gzip prepared once per file.
 */
export function widgetRoutes(widgetsDir: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const files = new BundleFiles(widgetsDir);

  routes.get(`${PREFIX}*`, async (c, next) => {
    // The raw path: Hono's decoded one would already have turned `%2F` into a separator.
    const pathname = new URL(c.req.url).pathname;
    const file = await files.get(pathname.slice(PREFIX.length));
    if (!file) return next();

    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const chosen = (encoding && file.encoded[encoding]) || file.identity;
    const headers: Record<string, string> = {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': file.cacheControl,
      ETag: chosen.etag,
      Vary: 'Accept-Encoding',
    };
    if (etagMatches(c.req.header('if-none-match'), chosen.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers['Content-Type'] = file.contentType;
    headers['Content-Length'] = String(chosen.body.length);
    if (chosen !== file.identity && encoding) headers['Content-Encoding'] = encoding;
    return new Response(chosen.body, { status: 200, headers });
  });
  return routes;
}
