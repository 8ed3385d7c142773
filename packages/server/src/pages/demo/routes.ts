import { Hono } from 'hono';
import type { AppEnv } from '../../core/hono-env.js';
import type { Services } from '../../core/services.js';
import { pageSecurityHeaders } from '../html.js';
import { defaultWidgetsDir, widgetBundleIsBuilt } from '../widgets/dir.js';
import {
  DEMO_PAGE_JS,
  DEMO_PAGE_SCRIPT,
  renderDemoPage,
  renderDemoUnavailablePage,
} from './html.js';

/** How long the page's staff session lasts; reloading the page mints a new one. */
export const DEMO_SESSION_TTL_SECONDS = 30 * 60;

/** Everything on the page comes from this server; the widgets call this origin's API. */
const DEMO_HEADERS = pageSecurityHeaders(
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
);

export interface DemoPageOptions {
  /** The widgets package's CDN build (`config.widgetsDir`); defaults to `packages/widgets/dist/cdn` in this repo. */
  widgetsDir?: string;
}

interface Showcase {
  tenant_id: string;
  customer_id: string;
  shop_name: string;
  currency: string;
  first_name: string | null;
  last_name: string | null;
  /** The unrevoked "Demo page" key its sessions are signed under; null once revoked. */
  session_key_id: string | null;
}

/** The demo tenant's showcase customer, or null when this server has no demo. */
async function findShowcase(services: Services): Promise<Showcase | null> {
  const { rows } = await services.db.query<Showcase>(
    `SELECT d.tenant_id, d.customer_id, t.name AS shop_name, trim(t.currency) AS currency,
            c.first_name, c.last_name, k.id AS session_key_id
       FROM demo_showcase d
       JOIN tenants t ON t.id = d.tenant_id
       JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
       LEFT JOIN api_keys k
         ON k.tenant_id = d.tenant_id AND k.id = d.session_key_id AND k.revoked_at IS NULL
      ORDER BY d.created_at LIMIT 1`,
  );
  return rows[0] ?? null;
}

/** One of the demo shop's customers by id, or null for an id it doesn't have. */
async function findDemoCustomer(
  services: Services,
  tenantId: string,
  id: string | undefined,
): Promise<Pick<Showcase, 'customer_id' | 'first_name' | 'last_name'> | null> {
  if (!id || id.length > 64) return null;
  const { rows } = await services.db.query<
    Pick<Showcase, 'customer_id' | 'first_name' | 'last_name'>
  >(
    `SELECT id AS customer_id, first_name, last_name FROM customers
      WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/**
 * `GET /demo`, the demo shop's back-office page (the widget bundle it loads is served by
 * `widgetRoutes`). The page mints a short-lived manager session for the demo tenant only (never a
 * secret key in a page), signed under the tenant's "Demo page" key: revoking that key ends
 * the sessions and turns the page off. A server without a demo tenant shows how to get one.
 */
export function demoPageRoutes(options: DemoPageOptions = {}): Hono<AppEnv> {
  const widgetsDir = options.widgetsDir ?? defaultWidgetsDir();
  const routes = new Hono<AppEnv>();

  routes.get(DEMO_PAGE_SCRIPT, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(DEMO_PAGE_JS);
  });

  routes.get('/demo', async (c) => {
    const services = c.get('services');
    c.header('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(DEMO_HEADERS)) c.header(name, value);
    // LOUPE_DEMO=0 turns the page off too, not only the seed: no sessions for anyone.
    const showcase = services.config.demo ? await findShowcase(services) : null;
    if (!showcase) return c.html(renderDemoUnavailablePage(), 404);
    if (!showcase.session_key_id) return c.html(renderDemoUnavailablePage('key-revoked'), 404);

    // A customer chosen in the page's search (`?customer=`), if the demo shop has them.
    const chosen = await findDemoCustomer(services, showcase.tenant_id, c.req.query('customer'));
    const shown = chosen ?? showcase;

    const exp = Math.floor(services.clock.now().getTime() / 1000) + DEMO_SESSION_TTL_SECONDS;
    const token = services.sessions.sign({
      sid: services.ids('session'),
      tenant_id: showcase.tenant_id,
      // Like any minted session, it ends when its key is revoked.
      kid: showcase.session_key_id,
      kind: 'staff',
      role: 'manager',
      branch_id: null,
      staff_name: 'Demo Manager',
      exp,
    });
    return c.html(
      renderDemoPage({
        shopName: showcase.shop_name,
        baseUrl: services.config.publicOrigin ?? new URL(c.req.url).origin,
        token,
        tokenExpiresAt: new Date(exp * 1000),
        customerId: shown.customer_id,
        customerName: [shown.first_name, shown.last_name].filter(Boolean).join(' '),
        // The element shows the Overview for a name it doesn't know; this only keeps the value
        // a plain word.
        tab: /^[a-z-]{1,20}$/.test(c.req.query('tab') ?? '') ? c.req.query('tab')! : 'overview',
        editing: c.req.query('edit') === '1',
        currency: showcase.currency,
        locale: 'en-AU',
        widgetsPath: '/widgets',
        widgetsBuilt: widgetBundleIsBuilt(widgetsDir),
      }),
    );
  });

  return routes;
}
