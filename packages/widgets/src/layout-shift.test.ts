import { expect, fixture, html } from '@open-wc/testing';
import './components/customer-hero/customer-hero.js';
import './components/store-credit-ledger/store-credit-ledger.js';
import './components/customer-history/customer-history.js';
import type { LoupeCustomerHero } from './components/customer-hero/customer-hero.js';
import type { LoupeStoreCreditLedger } from './components/store-credit-ledger/store-credit-ledger.js';
import { part } from './testing/dom.js';
import { FakeLoupeClient } from './testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from './testing/fixtures.js';
import { showcaseHistory, withOverview } from './testing/history-fixtures.js';

// A theme page measures layout shift on what follows an element: the skeleton must take the
// loaded size, or everything below it moves when the data arrives. Widths: a small phone (360px),
// Lighthouse's mobile viewport (412px) and a desktop column. Narrower, how values wrap depends
// on the data.

/** A customer the skeleton is shaped after: tags, contact, preferences, no allergy. */
const typical = { ...showcaseCustomer, allergies: [] };

async function heights<T extends HTMLElement & { loadComplete: Promise<void> }>(
  render: (client: FakeLoupeClient) => ReturnType<typeof html>,
  client: () => FakeLoupeClient,
  width: number,
): Promise<{ loading: number; loaded: number }> {
  const slow = client();
  slow.latency = Number.POSITIVE_INFINITY;
  const waiting = await fixture<HTMLElement>(
    html`<div style="width: ${width}px">${render(slow)}</div>`,
  );
  const loading = (waiting.firstElementChild as T).getBoundingClientRect().height;
  const done = await fixture<HTMLElement>(
    html`<div style="width: ${width}px">${render(client())}</div>`,
  );
  const el = done.firstElementChild as T;
  await el.loadComplete;
  return { loading, loaded: el.getBoundingClientRect().height };
}

/** The reserve stylesheet as served beside the CDN bundle, its rules moved to stand-in tags. */
async function reserveCssFor(tags: Record<string, string>): Promise<string> {
  let css = await (await fetch('/packages/widgets/src/styles/reserve.css')).text();
  for (const [tag, standIn] of Object.entries(tags)) css = css.replaceAll(tag, standIn);
  return css;
}

/** Heights the stylesheet gives the undefined hero and ledger in a column `width` wide. */
async function reservedHeights(width: number): Promise<{ hero: number; ledger: number }> {
  const css = await reserveCssFor({
    'loupe-customer-hero': 'loupe-undefined-hero',
    'loupe-store-credit-ledger': 'loupe-undefined-ledger',
  });
  const host = document.createElement('div');
  host.innerHTML = `<style>${css}</style><div style="width: ${width}px"><loupe-undefined-hero></loupe-undefined-hero><loupe-undefined-ledger></loupe-undefined-ledger></div>`;
  document.body.append(host);
  try {
    const height = (tag: string) => host.querySelector(tag)!.getBoundingClientRect().height;
    return { hero: height('loupe-undefined-hero'), ledger: height('loupe-undefined-ledger') };
  } finally {
    host.remove();
  }
}

describe('layout shift', () => {
  for (const width of [360, 412, 720]) {
    it(`the hero's skeleton takes the loaded card's height (${width}px wide)`, async () => {
      const { loading, loaded } = await heights<LoupeCustomerHero>(
        (client) =>
          html`<loupe-customer-hero .client=${client} customer-id="cus_showcase" locale="en-AU"></loupe-customer-hero>`,
        () =>
          new FakeLoupeClient({
            customers: [typical],
            summaries: [showcaseSummary],
            permissions: ['send_email'],
          }),
        width,
      );
      expect(Math.abs(loaded - loading), `skeleton ${loading}px, loaded ${loaded}px`).to.be.below(
        8,
      );
    });

    it(`the ledger's skeleton takes the height of five rows (${width}px wide)`, async () => {
      const { loading, loaded } = await heights<LoupeStoreCreditLedger>(
        (client) =>
          html`<loupe-store-credit-ledger .client=${client} customer-id="cus_showcase" locale="en-AU"></loupe-store-credit-ledger>`,
        () =>
          new FakeLoupeClient({
            customers: [showcaseCustomer],
            ledgers: { cus_showcase: ledgerRows('cus_showcase', 5) },
          }),
        width,
      );
      expect(Math.abs(loaded - loading), `skeleton ${loading}px, loaded ${loaded}px`).to.be.below(
        8,
      );
    });
  }

  // Before its script runs the element is undefined; the page's reserve stylesheet must give it
  // the skeleton's height, or the page shifts when the script defines it (the theme page's CLS).
  // An undefined stand-in tag takes the stylesheet's rules for the real one.
  for (const width of [360, 412, 720, 912]) {
    it(`reserves the hero's and the ledger's skeleton heights before they are defined (${width}px wide)`, async () => {
      const reserved = await reservedHeights(width);
      const hero = await heights<LoupeCustomerHero>(
        (client) =>
          html`<loupe-customer-hero .client=${client} customer-id="cus_showcase"></loupe-customer-hero>`,
        () => new FakeLoupeClient({ customers: [typical], summaries: [showcaseSummary] }),
        width,
      );
      const ledger = await heights<LoupeStoreCreditLedger>(
        (client) =>
          html`<loupe-store-credit-ledger .client=${client} customer-id="cus_showcase"></loupe-store-credit-ledger>`,
        () =>
          new FakeLoupeClient({
            customers: [showcaseCustomer],
            ledgers: { cus_showcase: ledgerRows('cus_showcase', 5) },
          }),
        width,
      );
      const report = `reserved hero ${reserved.hero}px / skeleton ${hero.loading}px, reserved ledger ${reserved.ledger}px / skeleton ${ledger.loading}px`;
      expect(Math.abs(reserved.hero - hero.loading), report).to.be.below(16);
      expect(Math.abs(reserved.ledger - ledger.loading), report).to.be.below(16);
    });
  }

  // The customer history paints its tab strip and the Overview's cards; the cards' ghost values
  // take a typical record's lines (a long address may wrap once more on a phone), the documents
  // card (its own chunk) the height of three documents.
  const historyCustomer = withOverview(typical);
  for (const width of [360, 412, 720, 1200]) {
    it(`the history's Overview skeleton takes the loaded height, and is reserved (${width}px wide)`, async () => {
      const history = await heights<LoupeCustomerHero>(
        (client) =>
          html`<loupe-customer-history .client=${client} customer-id="cus_showcase" locale="en-AU"></loupe-customer-history>`,
        () =>
          new FakeLoupeClient({
            customers: [historyCustomer],
            summaries: [showcaseSummary],
            // Staff see the documents card: its height is kept from the first paint.
            permissions: ['view_customers', 'view_documents'],
            documents: showcaseHistory().documents,
          }),
        width,
      );
      const reserved = await reserveCssFor({ 'loupe-customer-history': 'loupe-undefined-history' });
      const host = document.createElement('div');
      host.innerHTML = `<style>${reserved}</style><div style="width: ${width}px"><loupe-undefined-history></loupe-undefined-history></div>`;
      document.body.append(host);
      const reservedHeight = host
        .querySelector('loupe-undefined-history')!
        .getBoundingClientRect().height;
      host.remove();
      const report = `skeleton ${history.loading}px, loaded ${history.loaded}px, reserved ${reservedHeight}px`;
      expect(Math.abs(history.loaded - history.loading), report).to.be.below(8);
      expect(Math.abs(reservedHeight - history.loading), report).to.be.below(16);
    });
  }

  it('keeps the skeleton out of the accessibility tree', async () => {
    const slow = new FakeLoupeClient({ customers: [typical], latency: Number.POSITIVE_INFINITY });
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero .client=${slow} customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    expect(part(el, 'skeleton')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});
