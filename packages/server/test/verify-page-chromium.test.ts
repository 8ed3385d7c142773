// The public verify page in real headless Chromium, with the real widget bundle: under its
// strict CSP the verifier loads from this server alone, takes over from the server's own
// rendering, and shows a stolen report; without JavaScript the server's warning stands alone.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { VERIFY_WIDGET_ENTRY } from '../src/pages/verify/html.js';
import {
  chromeMissing as chromeMissingFor,
  launchChromium,
  serveOnPort,
  widgetBundle,
} from './browser.js';
import { createTestContext, type TestContext } from './harness.js';

const chromeMissing = chromeMissingFor('the verify page in Chromium');

let ctx: TestContext;
let loupe: { url: string; close(): Promise<void> } | undefined;
let browser: Browser;
let baseUrl: string;
let stolenCode: string;

before(async () => {
  if (chromeMissing) return;
  const widgetsDir = widgetBundle();
  assert.ok(existsSync(join(widgetsDir, VERIFY_WIDGET_ENTRY)), 'the verifier is in the bundle');
  ctx = await createTestContext({ env: { LOUPE_WIDGETS_DIR: widgetsDir } });
  loupe = await serveOnPort(ctx);
  baseUrl = loupe.url;
  const shop = await ctx.createTenant({ name: 'Harbour & Vine' });
  const issued = await ctx.request('POST', '/v1/passports', {
    key: shop.ownerKey,
    body: { title: 'Tennis bracelet', jewellery_type: 'bracelet', owner_email: 'o@example.com' },
  });
  assert.equal(issued.status, 201, issued.text);
  await ctx.request('POST', `/v1/passports/${issued.json.id}/report-stolen`, {
    key: shop.ownerKey,
  });
  stolenCode = issued.json.code;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await loupe?.close();
  await ctx?.close();
});

/** Opens a page, recording CSP violations, failed requests and requests to other origins. */
async function open(url: string, javascript = true) {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(javascript);
  const problems: string[] = [];
  page.on('console', (m) => {
    // A 404 is logged too; `response` below names the URL.
    if (m.type() === 'error' && !/status of 404/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== url) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) {
      problems.push(`elsewhere: ${r.url()}`);
    }
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  return { page, problems };
}

/** Enough of the DOM for the functions run in the page (this package has no DOM types). */
interface DomNode {
  textContent: string | null;
  innerText: string;
  offsetHeight: number;
  shadowRoot: DomNode | null;
  querySelector(selector: string): DomNode | null;
}

/** The verifier's shadow-root text of a part, once it is there. */
function shadowPart(page: Page, part: string) {
  return page.waitForFunction(
    (name) =>
      (globalThis as unknown as { document: DomNode }).document
        .querySelector('loupe-passport-verifier')
        ?.shadowRoot?.querySelector(`[part~="${name}"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    { timeout: 10_000 },
    part,
  );
}

describe('/verify/{code} in Chromium', { skip: chromeMissing }, () => {
  it('runs the verifier under the CSP, loading nothing from elsewhere, and shows the stolen warning', async () => {
    const { page, problems } = await open(`${baseUrl}/verify/${stolenCode}`);
    try {
      const warning = await (await shadowPart(page, 'stolen')).jsonValue();
      assert.match(String(warning), /Reported stolen/);
      assert.match(String(warning), /Don’t buy it/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('shows the server’s warning without JavaScript', async () => {
    const { page, problems } = await open(`${baseUrl}/verify/${stolenCode}`, false);
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
      const text = await page.$eval('.stolen', (el) => (el as unknown as DomNode).innerText);
      assert.match(text, /Reported stolen/);
      const visible = await page.$eval(
        '.stolen',
        (el) => (el as unknown as DomNode).offsetHeight > 0,
      );
      assert.ok(visible);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('tells a typo from an unknown code on the page', async () => {
    const { page } = await open(`${baseUrl}/verify`);
    try {
      const typo = `${stolenCode.slice(0, -1)}${stolenCode.endsWith('0') ? '1' : '0'}`;
      const input = await page.waitForFunction(() =>
        (globalThis as unknown as { document: DomNode }).document
          .querySelector('loupe-passport-verifier')
          ?.shadowRoot?.querySelector('input'),
      );
      await (input as unknown as { type(text: string): Promise<void> }).type(typo);
      await page.keyboard.press('Enter');
      const hint = await (await shadowPart(page, 'hint')).jsonValue();
      assert.match(String(hint), /Check the code/);
    } finally {
      await page.close();
    }
  });
});
