import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../src/core/hono-env.js';
import { demoPageRoutes } from '../src/pages/demo/routes.js';
import { type DemoSeed, seedDemoIfEmpty } from '../src/pages/demo/seed.js';
import { DEMO_WIDGET_ENTRIES, DEMO_WIDGET_STYLESHEET } from '../src/pages/widgets/dir.js';
import { widgetRoutes } from '../src/pages/widgets/routes.js';
import { createTestContext, fakeWidgetBundle, type TestContext } from './harness.js';

let ctx: TestContext;
let seed: DemoSeed;
let builtDir: string;

before(async () => {
  ctx = await createTestContext();
  const seeded = await seedDemoIfEmpty(ctx.services, {
    allowedOrigins: ['http://localhost'],
    customerCount: 5,
  });
  assert.ok(seeded);
  seed = seeded;
  builtDir = fakeWidgetBundle();
});
after(async () => {
  rmSync(builtDir, { recursive: true, force: true });
  await ctx.close();
});

/** The demo page and the widget bundle (read from `widgetsDir`) over the test services. */
function demoApp(widgetsDir: string) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', ctx.services);
    await next();
  });
  app.route('/', demoPageRoutes({ widgetsDir }));
  app.route('/', widgetRoutes(widgetsDir));
  return app;
}

/** Every URL the page loads (src/href), so we can check none leaves this server. */
function loadedUrls(html: string): string[] {
  // A link to a place in the page (`#new-customer`) loads nothing, nor does an inline `data:`
  // URL (the empty favicon that keeps the browser from asking for /favicon.ico).
  return [...html.matchAll(/\s(?:src|href)="([^"#][^"]*)"/g)]
    .map((m) => m[1]!)
    .filter((url) => !url.startsWith('data:'));
}

describe('GET /demo', () => {
  it("shows the showcase customer's widgets through a working manager session", async () => {
    const res = await demoApp(builtDir).request('http://localhost/demo');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await res.text();

    assert.match(html, /Harbour &amp; Vine Jewellers/);
    assert.ok(html.includes(`<loupe-customer-hero customer-id="${seed.showcaseCustomerId}">`));
    assert.ok(
      html.includes(
        `<loupe-customer-history customer-id="${seed.showcaseCustomerId}" tab="overview">`,
      ),
    );
    assert.match(html, /<loupe-provider base-url="http:\/\/localhost" token="lst_[^"]+"/);
    assert.match(html, /locale="en-AU" currency="AUD"/);
    for (const entry of DEMO_WIDGET_ENTRIES)
      assert.ok(html.includes(`<script type="module" src="/widgets/${entry}">`));
    // Before the scripts, so the cards' space is reserved from the first paint.
    assert.ok(
      html.indexOf(`<link rel="stylesheet" href="/widgets/${DEMO_WIDGET_STYLESHEET}">`) <
        html.indexOf('<script type="module"'),
    );
    assert.ok(html.includes(`href="/widgets/${DEMO_WIDGET_STYLESHEET}"`));

    assert.ok(
      !html.includes(seed.ownerKey) && !/sk_live_|sk_test_/.test(html),
      'no secret key in the page',
    );
    for (const url of loadedUrls(html))
      assert.ok(url.startsWith('/'), `${url} is served by this server`);

    const token = /token="([^"]+)"/.exec(html)![1]!;
    const me = await ctx.request('GET', '/v1/me', { key: token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.kind, 'session');
    assert.equal(me.json.role, 'manager');
    assert.equal(me.json.tenant_id, seed.tenantId);
    const customer = await ctx.request('GET', `/v1/customers/${seed.showcaseCustomerId}`, {
      key: token,
    });
    assert.equal(customer.status, 200, customer.text);
  });

  it('finds and adds customers: the search opens the chosen customer, the form adds one', async () => {
    const html = await (await demoApp(builtDir).request('http://localhost/demo')).text();
    assert.ok(html.includes('<loupe-customer-search></loupe-customer-search>'));
    assert.ok(html.includes('<loupe-customer-form></loupe-customer-form>'));
    assert.ok(html.includes('links="{&quot;customer&quot;:&quot;/demo?customer={id}&quot;'));

    const created = await ctx.request('POST', '/v1/customers', {
      key: seed.ownerKey,
      body: { first_name: 'Odette', last_name: 'Marsh' },
    });
    assert.equal(created.status, 201, created.text);
    const chosen = await (
      await demoApp(builtDir).request(`http://localhost/demo?customer=${created.json.id}`)
    ).text();
    assert.ok(chosen.includes(`<loupe-customer-hero customer-id="${created.json.id}">`));
    assert.match(chosen, /<h1>Odette Marsh<\/h1>/);

    // An id the demo shop doesn't have shows the showcase customer.
    const unknown = await (
      await demoApp(builtDir).request('http://localhost/demo?customer=cus_nobody')
    ).text();
    assert.ok(unknown.includes(`<loupe-customer-hero customer-id="${seed.showcaseCustomerId}">`));
  });

  it('opens the history tab named in the URL, and serves the script that keeps it there', async () => {
    const repairs = await (
      await demoApp(builtDir).request('http://localhost/demo?tab=repairs')
    ).text();
    assert.ok(repairs.includes('tab="repairs"'));
    // Anything else is the Overview, never markup of the visitor's making.
    const odd = await (
      await demoApp(builtDir).request('http://localhost/demo?tab=%22%3E%3Cscript%3E')
    ).text();
    assert.ok(odd.includes('tab="overview"'));
    assert.ok(!odd.includes('"><script>'));
    assert.ok(repairs.includes('<script type="module" src="/demo/page.js">'));

    const script = await demoApp(builtDir).request('http://localhost/demo/page.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /text\/javascript/);
    const code = await script.text();
    assert.match(code, /loupe-tab-change/);
    assert.match(code, /loupe-navigate/);
  });

  it('says how to build the widget bundle when it is missing', async () => {
    const res = await demoApp(join(builtDir, 'not-built')).request('http://localhost/demo');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /widget bundle has not been built/);
    assert.match(html, /pnpm --filter @loupe\/widgets build:cdn/);
    assert.ok(!html.includes('<script'), 'no script that would fail to load');
  });

  it('serves the bundle under /widgets and nothing outside it', async () => {
    const app = demoApp(builtDir);
    const entry = await app.request('http://localhost/widgets/loupe-customer-hero.js');
    assert.equal(entry.status, 200);
    assert.match(entry.headers.get('content-type') ?? '', /javascript/);
    assert.match(await entry.text(), /loupe-customer-hero/);
    assert.equal((await app.request('http://localhost/widgets/chunks/lit.js')).status, 200);
    assert.equal((await app.request('http://localhost/widgets/missing.js')).status, 404);
    assert.equal((await app.request('http://localhost/widgets/../package.json')).status, 404);
    assert.equal((await app.request('http://localhost/widgets/%2e%2e/package.json')).status, 404);
  });

  it('serves the bundle from LOUPE_WIDGETS_DIR in the full app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-widgets-env-'));
    writeFileSync(join(dir, 'loupe-provider.js'), 'export const from = "LOUPE_WIDGETS_DIR";\n');
    const configured = await createTestContext({ env: { LOUPE_WIDGETS_DIR: dir } });
    try {
      const entry = await configured.request('GET', '/widgets/loupe-provider.js');
      assert.equal(entry.status, 200);
      assert.match(entry.text, /from = "LOUPE_WIDGETS_DIR"/);
    } finally {
      await configured.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off with LOUPE_DEMO=0, even on a database that holds the demo shop', async () => {
    const services = { ...ctx.services, config: { ...ctx.services.config, demo: false } };
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('services', services);
      await next();
    });
    app.route('/', demoPageRoutes({ widgetsDir: builtDir }));
    const res = await app.request('http://localhost/demo');
    assert.equal(res.status, 404);
    assert.ok(!(await res.text()).includes('token='), 'no session minted');
  });

  // Last in this group: it turns the demo page off.
  it("ends the page's sessions and stops minting them when its demo key is revoked", async () => {
    const page = await (await demoApp(builtDir).request('http://localhost/demo')).text();
    const token = /token="([^"]+)"/.exec(page)![1]!;
    assert.equal((await ctx.request('GET', '/v1/me', { key: token })).status, 200);

    const keys = await ctx.request('GET', '/v1/keys', { key: seed.ownerKey });
    const demoKey = keys.json.data.find((k: { name: string }) => k.name === 'Demo page');
    assert.ok(demoKey, 'the demo page signs its sessions with a key the owner can see');
    const revoked = await ctx.request('DELETE', `/v1/keys/${demoKey.id}`, { key: seed.ownerKey });
    assert.equal(revoked.status, 200, revoked.text);

    const me = await ctx.request('GET', '/v1/me', { key: token });
    assert.equal(me.status, 401, me.text);
    const after = await demoApp(builtDir).request('http://localhost/demo');
    assert.equal(after.status, 404);
    assert.match(await after.text(), /demo page key was revoked/);
  });
});

describe('GET /docs', () => {
  it('renders the API reference from /openapi.json with assets served from node_modules', async () => {
    const res = await ctx.request('GET', '/docs');
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const urls = loadedUrls(res.text);
    assert.ok(urls.length >= 3);
    for (const url of urls) {
      assert.ok(url.startsWith('/'), `${url} is served by this server`);
      const asset = await ctx.request('GET', url);
      assert.equal(asset.status, 200, url);
    }
    const init = await ctx.request('GET', '/docs/assets/init.js');
    assert.match(init.text, /url: '\/openapi\.json'/);
    assert.match(
      (await ctx.request('GET', '/docs/assets/swagger-ui-bundle.js')).headers.get('content-type') ??
        '',
      /javascript/,
    );
    assert.equal((await ctx.request('GET', '/docs/assets/package.json')).status, 404);
    assert.equal((await ctx.request('GET', '/openapi.json')).status, 200);
  });
});
