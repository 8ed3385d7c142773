import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../core/hono-env.js';
import { clientAddress } from '../../core/middleware/rate-limit.js';
import { verifyPassportCode } from '../../resources/passports/public.js';
import { publicOrigin } from '../../resources/passports/routes.js';
import { pageSecurityHeaders } from '../html.js';
import { defaultWidgetsDir } from '../widgets/dir.js';
import {
  renderVerifyPage,
  VERIFY_STYLE_HASH,
  VERIFY_WIDGET_ENTRY,
  type VerifyPageModel,
} from './html.js';

/**
 * Nothing from another site but the piece's photos (the jeweller's https image host); the
 * script is this server's widget bundle, the one inline stylesheet is allowed by its hash.
 */
const VERIFY_HEADERS = pageSecurityHeaders(
  `default-src 'none'; script-src 'self'; style-src 'self' ${VERIFY_STYLE_HASH}; img-src 'self' https: data:; connect-src 'self'; form-action 'self'`,
);

function page(c: Context<AppEnv>, model: VerifyPageModel, status: 200 | 404 | 429) {
  for (const [name, value] of Object.entries(VERIFY_HEADERS)) c.header(name, value);
  // Revalidated on every view: a stolen report shows on the next one.
  c.header('Cache-Control', 'no-cache');
  return c.html(renderVerifyPage(model), status);
}

/**
 * `GET /verify/{code}`: the public page a passport's QR code opens, and `GET /verify` (the
 * blank form; its `?code=` redirects to the code's page). The server renders the answer
 * itself, stolen warning included, so it shows before and without JavaScript; the
 * `<loupe-passport-verifier>` element then takes over. Each view counts against the client
 * address's public allowance like the API route, and an unknown and a malformed code get the
 * same page.
 */
export function verifyPageRoutes(options: { widgetsDir?: string } = {}): Hono<AppEnv> {
  const widgetsDir = options.widgetsDir ?? defaultWidgetsDir();
  const widgetsPath = () => (existsSync(join(widgetsDir, VERIFY_WIDGET_ENTRY)) ? '/widgets' : null);
  const baseUrl = (c: Context<AppEnv>) => publicOrigin(c.get('services').config, c.req.url);
  const routes = new Hono<AppEnv>();

  routes.get('/verify', (c) => {
    const code = c.req.query('code')?.trim();
    if (code) return c.redirect(`/verify/${encodeURIComponent(code)}`, 303);
    return page(
      c,
      { code: null, passport: null, baseUrl: baseUrl(c), widgetsPath: widgetsPath() },
      200,
    );
  });

  routes.get('/verify/:code', async (c) => {
    const services = c.get('services');
    const code = c.req.param('code');
    const decision = await services.rateLimiter.takePublic(
      `ip:${clientAddress(c, services.config.trustProxy)}`,
    );
    if (decision && !decision.allowed) {
      c.header('Retry-After', String(decision.resetSeconds));
      const model = { code, passport: null, baseUrl: baseUrl(c), widgetsPath: null };
      return page(c, { ...model, retryAfter: decision.resetSeconds }, 429);
    }
    const passport = await verifyPassportCode(services.db, code);
    const model = { code, passport, baseUrl: baseUrl(c), widgetsPath: widgetsPath() };
    return page(c, model, passport ? 200 : 404);
  });
  return routes;
}
