// The demo page (/demo) as a person opens it, in real headless Chromium against the widget
// bundle as `pnpm start` builds it: the showcase customer's hero and history, and the customer
// form pointed at her, with nothing in the console or network tab. Source-based widget tests
// can't see a bundle that dropped a module (the form once threw on its first address).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { seedDemoIfEmpty } from '../src/pages/demo/seed.js';
import {
  chromeMissing as chromeMissingFor,
  launchChromium,
  serveOnPort,
  widgetBundle,
} from './browser.js';
import { createTestContext, type TestContext } from './harness.js';

const chromeMissing = chromeMissingFor('the demo page in Chromium');

let ctx: TestContext;
let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser;
let baseUrl: string;

before(async () => {
  if (chromeMissing) return;
  ctx = await createTestContext({ env: { LOUPE_WIDGETS_DIR: widgetBundle() } });
  server = await serveOnPort(ctx);
  baseUrl = server.url;
  const seeded = await seedDemoIfEmpty(ctx.services, {
    allowedOrigins: [baseUrl],
    customerCount: 12,
  });
  assert.ok(seeded, 'the demo shop was made');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await ctx?.close();
});

/**
 * Waits (up to 30 s: CI runs files side by side) until the text of `selector` inside `host`'s
 * shadow root matches `pattern`, and returns it. Elements paint in steps (the form's title
 * reads "Edit" before the customer arrives), so the wait is for the words, not the element.
 */
async function shadowText(
  page: Page,
  host: string,
  selector: string,
  pattern: RegExp,
): Promise<string> {
  const handle = await page
    .waitForFunction(
      `(() => {
        const el = document.querySelector(${JSON.stringify(host)})?.shadowRoot?.querySelector(${JSON.stringify(selector)});
        const text = el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
        return new RegExp(${JSON.stringify(pattern.source)}).test(text) && text;
      })()`,
      { timeout: 30_000 },
    )
    .catch((error: Error) => {
      throw new Error(`${host} ${selector} never read ${pattern}: ${error.message}`);
    });
  return (await handle.jsonValue()) as string;
}

describe('/demo in Chromium', { skip: chromeMissing ? 'no Chromium' : false }, () => {
  it('shows the showcase customer and her history, and edits her record, with no errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    try {
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${baseUrl}/demo`, { waitUntil: 'networkidle0' });

      await shadowText(page, 'loupe-customer-hero', 'h2', /Eleanor Whitfield/);
      await shadowText(
        page,
        'loupe-customer-history',
        '[role="tablist"]',
        /Overview.*Repairs.*Notes/,
      );

      // The form at the foot adds customers; "Edit details" points it at her.
      await Promise.all([page.waitForNavigation(), page.click('a[href*="edit=1"]')]);
      await shadowText(page, 'loupe-customer-form', 'h2', /Edit Eleanor Whitfield/);
      await shadowText(page, 'loupe-customer-form', '[part="address"]', /14 Jersey Road/);

      // A saved change opens her page again, where the hero shows it.
      await page.evaluate(`(() => {
        const box = document.querySelector('loupe-customer-form').shadowRoot.getElementById('first_name');
        box.value = 'Nell';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      })()`);
      await Promise.all([
        page.waitForNavigation(),
        page.evaluate(
          `document.querySelector('loupe-customer-form').shadowRoot.querySelector('[part="submit"]').click()`,
        ),
      ]);
      assert.doesNotMatch(page.url(), /edit=1/);
      await shadowText(page, 'loupe-customer-hero', 'h2', /Nell Whitfield/);
      await shadowText(page, 'loupe-customer-form', 'h2', /New customer/);
      assert.deepEqual(problems, [], 'no script error, failed asset or refused request');
    } finally {
      await page.close();
    }
  });
});
