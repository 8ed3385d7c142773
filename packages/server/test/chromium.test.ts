// The embed snippets exactly as the README writes them, on a shop's own origin (a second
// server on another port), in real headless Chromium, loading the widget bundle from a running
// Loupe server and rendering a customer. One browser for the whole file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPResponse, Page } from 'puppeteer-core';
import {
  chromeMissing as chromeMissingFor,
  launchChromium,
  serveOnPort,
  widgetBundle,
} from './browser.js';
import { createTestContext, type TestContext } from './harness.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const EXTENSION = fileURLToPath(
  new URL('../../../examples/shopify-theme-app-extension', import.meta.url),
);
const CUSTOMER = { first_name: 'Marguerite', last_name: 'Okonkwo-Hale' };
const SHOP_DOMAIN = 'okonkwo-hale.myshopify.com';
const APP_SECRET = 'shpss_chromium_test_0123456789';
const SHOPIFY_CUSTOMER_ID = '7421904381';

/**
 * What Shopify's app proxy does with the snippet's `/apps/loupe/session` for a signed-in
 * customer: adds the shop, the customer's Shopify id, the path prefix and a timestamp, signs
 * every parameter with the app's secret as Shopify documents, and forwards to the proxy URL
 * (Loupe's `/shopify/app-proxy`), handing the answer back.
 */
async function appProxy(url: URL, res: import('node:http').ServerResponse): Promise<void> {
  const params: [string, string][] = [
    ...url.searchParams,
    ['shop', SHOP_DOMAIN],
    ['logged_in_customer_id', SHOPIFY_CUSTOMER_ID],
    ['path_prefix', '/apps/loupe'],
    ['timestamp', String(Math.floor(Date.now() / 1000))],
  ];
  const signed = params
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('');
  const signature = createHmac('sha256', APP_SECRET).update(signed).digest('hex');
  const query = new URLSearchParams([...params, ['signature', signature]]);
  const answer = await fetch(`${loupeUrl}/shopify/app-proxy/session?${query}`);
  res
    .writeHead(answer.status, {
      'Content-Type': answer.headers.get('content-type') ?? 'text/plain',
    })
    .end(await answer.text());
}

const chromeMissing = chromeMissingFor('the Chromium embed tests');

let ctx: TestContext;
let loupe: { url: string; close(): Promise<void> } | undefined;
let shop: Server;
let browser: Browser;
let loupeUrl: string;
let shopUrl: string;
let customerId: string;
let staffToken: string;

/** Every response the pages received, for the bundle's caching headers. */
const widgetResponses: { url: string; cacheControl: string | undefined }[] = [];
/** Shop pages by path; filled once both servers know their ports. */
const shopPages = new Map<string, { type: string; body: string }>();

before(async () => {
  if (chromeMissing) return;
  const widgetsDir = widgetBundle();

  shop = createServer((req, res) => {
    const url = new URL(req.url ?? '/', shopUrl);
    if (url.pathname === '/apps/loupe/session') return void appProxy(url, res);
    if (url.pathname.startsWith('/extension-assets/')) {
      // What Shopify's CDN serves for the extension's `asset_url`s: one flat folder.
      const name = url.pathname.slice('/extension-assets/'.length);
      if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
      const file = join(EXTENSION, 'assets', name);
      if (!existsSync(file)) return void res.writeHead(404).end();
      const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
      return void res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
    }
    const page = shopPages.get(url.pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': page.type }).end(page.body);
  });
  shopUrl = await listen(shop);

  ctx = await createTestContext({ env: { LOUPE_WIDGETS_DIR: widgetsDir } });
  loupe = await serveOnPort(ctx);
  loupeUrl = loupe.url;
  assert.notEqual(new URL(loupeUrl).origin, new URL(shopUrl).origin);

  const tenant = await ctx.createTenant({ allowed_origins: [shopUrl] });
  const connected = await ctx.request('PATCH', '/v1/tenant', {
    key: tenant.ownerKey,
    body: { shopify: { shop_domain: SHOP_DOMAIN, app_proxy_secret: APP_SECRET } },
  });
  assert.equal(connected.status, 200, connected.text);
  const created = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { ...CUSTOMER, external_ids: { shopify: SHOPIFY_CUSTOMER_ID } },
  });
  assert.equal(created.status, 201, created.text);
  customerId = created.json.id;
  staffToken = await mintSession(tenant.ownerKey, { type: 'staff', staff_name: 'Priya' });

  shopPages.set('/shopify', { type: 'text/html', body: page(shopifySnippet()) });
  copyExtensionAssets();
  shopPages.set('/shopify-extension', { type: 'text/html', body: extensionPage() });
  shopPages.set('/plain', { type: 'text/html', body: page(plainSnippet()) });

  // A tenant that never listed the shop's origin: the set-up mistake a theme developer makes.
  const unlisted = await ctx.createTenant();
  const theirs = await ctx.request('POST', '/v1/customers', {
    key: unlisted.ownerKey,
    body: CUSTOMER,
  });
  assert.equal(theirs.status, 201, theirs.text);
  shopPages.set('/plain-unlisted', {
    type: 'text/html',
    body: page(
      plainSnippet(
        await mintSession(unlisted.ownerKey, { type: 'staff', staff_name: 'Sam' }),
        theirs.json.id,
      ),
    ),
  });

  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await loupe?.close();
  await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(undefined)));
  await ctx?.close();
});

describe('the README embed snippets on a shop origin, in Chromium', { skip: chromeMissing }, () => {
  it("Shopify snippet: a customer session shows the signed-in customer's hero", async () => {
    const { page, problems } = await open(`${shopUrl}/shopify`);
    try {
      assert.equal(
        await heroName(page, 'loupe-customer-hero', problems),
        `${CUSTOMER.first_name} ${CUSTOMER.last_name}`,
      );
      assert.deepEqual(problems, []);

      // The real build's names: entries revalidate, every shared chunk carries its hash.
      const bundle = widgetResponses.filter((r) => r.url.startsWith(`${loupeUrl}/widgets/`));
      const entries = bundle.filter((r) => r.url.endsWith('.js') && !r.url.includes('/chunks/'));
      const chunks = bundle.filter((r) => r.url.includes('/chunks/'));
      assert.equal(entries.length, 3);
      // The stylesheet that reserves the cards' space is tag-named too: it revalidates.
      const stylesheet = bundle.find((r) => r.url.endsWith('/widgets/loupe-widgets.css'));
      assert.equal(stylesheet?.cacheControl, 'no-cache');
      assert.ok(chunks.length > 0);
      for (const r of entries) assert.equal(r.cacheControl, 'no-cache', r.url);
      for (const r of chunks)
        assert.equal(r.cacheControl, 'public, max-age=31536000, immutable', r.url);
    } finally {
      await page.close();
    }
  });

  it('Widgets snippet: a token attribute and customer-id render that customer', async () => {
    const { page, problems } = await open(`${shopUrl}/plain`);
    try {
      assert.equal(
        await heroName(page, `loupe-customer-hero[customer-id="${customerId}"]`, problems),
        `${CUSTOMER.first_name} ${CUSTOMER.last_name}`,
      );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('Widgets snippet on an origin the tenant has not allowed names the origin to add', async () => {
    const { page, problems } = await open(`${shopUrl}/plain-unlisted`);
    try {
      assert.match(
        await shadowPartText(page, 'loupe-customer-hero', 'error', problems),
        new RegExp(`The origin ${shopUrl} is not in this tenant's allowed_origins\\.`),
      );
      assert.ok(
        problems.some((p) => p.startsWith('403: ')),
        problems.join('\n'),
      );
    } finally {
      await page.close();
    }
  });
});

describe('the Shopify theme app extension example on a shop origin, in Chromium', {
  skip: chromeMissing,
}, () => {
  it('the app embed and the customer card block show the signed-in customer through the app proxy', async () => {
    const { page, problems } = await open(`${shopUrl}/shopify-extension`);
    try {
      assert.equal(
        await heroName(page, 'loupe-customer-hero', problems),
        `${CUSTOMER.first_name} ${CUSTOMER.last_name}`,
      );
      assert.deepEqual(problems, []);
      // Everything came from the extension's assets, nothing from the Loupe server's bundle.
      const loaded = widgetResponses.filter((r) =>
        r.url.startsWith(`${shopUrl}/extension-assets/`),
      );
      assert.ok(loaded.some((r) => r.url.endsWith('/loupe-customer-hero.js')));
      assert.ok(loaded.some((r) => r.url.endsWith('/loupe-widgets.css')));
    } finally {
      await page.close();
    }
  });
});

describe('the API reference page under its security headers, in Chromium', {
  skip: chromeMissing,
}, () => {
  it('/docs renders every operation from /openapi.json with nothing refused', async () => {
    const { page, problems, response } = await open(`${loupeUrl}/docs`);
    try {
      const csp = response?.headers()['content-security-policy'];
      assert.match(csp ?? '', /frame-ancestors 'none'/);
      const operations = await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: DomNode }).document.querySelectorAll('.opblock')
            .length,
        { timeout: 15_000 },
      );
      const document = (await ctx.request('GET', '/openapi.json')).json;
      // Swagger UI draws one block per operation: the paths' and the webhooks' (the events
      // Loupe sends, OpenAPI 3.1's `webhooks`).
      const operationsIn = (items: Record<string, object> | undefined) =>
        Object.values(items ?? {}).reduce<number>(
          (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length,
          0,
        );
      const expected = operationsIn(document.paths) + operationsIn(document.webhooks);
      assert.equal(await operations.jsonValue(), expected);
      assert.deepEqual(problems, [], 'no CSP violation, failed asset or script error');
    } finally {
      await page.close();
    }
  });
});

function copyExtensionAssets(): void {
  const result = spawnSync(process.execPath, [join(EXTENSION, 'scripts/copy-widget-assets.mjs')], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`copying the extension's assets failed:\n${result.stderr}`);
}

/**
 * The extension's app embed (in the head) and customer card block (in the body), with the
 * little Liquid they use rendered for a signed-in customer as Shopify would.
 */
function extensionPage(): string {
  const render = (file: string) => {
    const html = readFileSync(join(EXTENSION, 'blocks', file), 'utf8')
      .replace(/\{%-? schema -?%\}[\s\S]*?\{%-? endschema -?%\}/g, '')
      .replace(/\{%-? comment -?%\}[\s\S]*?\{%-? endcomment -?%\}/g, '')
      .replace(/\{%-? elsif request\.design_mode -?%\}[\s\S]*?\{%-? endif -?%\}/g, '')
      .replace(/\{%-? (?:if [^%]*|endif) -?%\}/g, '')
      .replace(
        /\{\{ '([\w.-]+)' \| asset_url \| stylesheet_tag \}\}/g,
        '<link rel="stylesheet" href="/extension-assets/$1">',
      )
      .replace(/\{\{ '([\w.-]+)' \| asset_url \}\}/g, '/extension-assets/$1')
      .replace(/\{\{ ([\w.]+)(?: \| (\w+))? \}\}/g, (tag, name: string, filter?: string) => {
        const values: Record<string, string> = {
          'block.settings.loupe_url': loupeUrl,
          'block.settings.session_path': '/apps/loupe/session',
          'block.settings.heading': 'Your jewellery profile',
          'block.shopify_attributes': '',
          'request.locale.iso_code': 'en-AU',
          'cart.currency.iso_code': 'AUD',
        };
        const value = values[name];
        if (value === undefined) return tag;
        return filter === 'json' ? JSON.stringify(value) : value;
      });
    assert.doesNotMatch(html, /\{\{|\{%/, `every Liquid tag in blocks/${file} is rendered here`);
    return html;
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">\n${render('loupe-embed.liquid')}\n</head><body>\n${render('customer-card.liquid')}\n</body></html>`;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

async function mintSession(ownerKey: string, body: Record<string, unknown>): Promise<string> {
  const res = await ctx.request('POST', '/v1/sessions', { key: ownerKey, body });
  assert.equal(res.status, 201, res.text);
  return res.json.token;
}

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head><body>\n${body}\n</body></html>`;
}

/** The README's fenced block of `language` under `heading`. */
function readmeBlock(heading: string, language: string): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  assert.ok(match, `README has a \`\`\`${language} block under "${heading}"`);
  return match[1]!;
}

/** The Shopify snippet with Liquid's tags rendered for a signed-in customer. */
function shopifySnippet(): string {
  const values: Record<string, string> = {
    loupe_url: loupeUrl,
    'block.id': 'block-1',
    'request.locale.iso_code': 'en-AU',
    'cart.currency.iso_code': 'AUD',
  };
  const html = readmeBlock('### Shopify theme snippet', 'liquid')
    .replace(/\{% schema %\}[\s\S]*?\{% endschema %\}/, '')
    .replace(/\{% (?:if customer|endif|assign loupe_url = block\.settings\.loupe_url) %\}/g, '')
    .replace(/\{\{ ([\w.]+) \}\}/g, (tag, name: string) => values[name] ?? tag);
  assert.doesNotMatch(html, /\{\{|\{%/, 'every Liquid tag in the README snippet is rendered here');
  return html;
}

/** The Widgets section's snippet with its placeholders filled in. */
function plainSnippet(token = staffToken, customer = customerId): string {
  const html = readmeBlock('## Widgets', 'html')
    .replaceAll('https://your-loupe-host', loupeUrl)
    .replaceAll('…session token…', token)
    .replaceAll('cus_…', customer);
  assert.doesNotMatch(html, /…/, 'every placeholder in the README snippet is filled in');
  return html;
}

/** Opens a page, collecting what a developer would see in the console and network tab. */
async function open(
  url: string,
): Promise<{ page: Page; problems: string[]; response: HTTPResponse | null }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    widgetResponses.push({ url: r.url(), cacheControl: r.headers()['cache-control'] });
  });
  const response = await page.goto(url);
  return { page, problems, response };
}

/** The little of the DOM the page function uses (this package compiles without `lib.dom`). */
interface DomNode {
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): { length: number };
  shadowRoot?: DomNode | null;
  textContent: string | null;
}

/** The name the hero shows in its shadow root, once it has one; else what the page reported. */
function heroName(page: Page, selector: string, problems: string[]): Promise<string> {
  return shadowPartText(page, selector, 'name', problems);
}

/** The text of `part` in the shadow root of `selector`, once there; else what the page reported. */
async function shadowPartText(
  page: Page,
  selector: string,
  part: string,
  problems: string[],
): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      (sel: string, name: string) =>
        (globalThis as unknown as { document: DomNode }).document
          .querySelector(sel)
          ?.shadowRoot?.querySelector(`[part="${name}"]`)?.textContent,
      { timeout: 15_000 },
      selector,
      part,
    );
    return ((await handle.jsonValue()) as string).trim();
  } catch (error) {
    throw new Error(
      `${selector} showed no ${part} (${error}). The page reported:\n${problems.join('\n')}`,
    );
  }
}
