import { expect, fixture, html } from '@open-wc/testing';
import './components/customer-hero/customer-hero.js';
import type { LoupeCustomerHero } from './components/customer-hero/customer-hero.js';
import { formatMoney, isRightToLeft } from './format.js';
import { part, parts } from './testing/dom.js';
import { FakeLoupeClient } from './testing/fake-client.js';
import { showcaseCustomer, showcaseSummary } from './testing/fixtures.js';

/** Where the `index`-th character of `element`'s text is drawn, from the left of the page. */
function xOf(element: Element, index: number): number {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let offset = index;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent!.length;
    if (offset < length) {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return range.getBoundingClientRect().left;
    }
    offset -= length;
  }
  throw new Error(`No character ${index} in “${element.textContent}”`);
}

/** The index of `char` in what `element` shows. */
const indexIn = (element: Element, char: string) => element.textContent!.indexOf(char);

async function rtlHero(locale: string): Promise<LoupeCustomerHero> {
  const client = new FakeLoupeClient({
    customers: [showcaseCustomer],
    summaries: [showcaseSummary],
  });
  const page = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar">
    <loupe-customer-hero .client=${client} customer-id="cus_showcase" locale=${locale}></loupe-customer-hero>
  </div>`);
  const el = page.querySelector<LoupeCustomerHero>('loupe-customer-hero')!;
  await el.loadComplete;
  return el;
}

describe('right to left', () => {
  it('knows which locales are written right to left', () => {
    expect(['ar-AE', 'he-IL', 'fa', 'ur-PK'].map((l) => isRightToLeft(l))).to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
    expect(['en-AU', 'ja-JP', 'de-DE'].map((l) => isRightToLeft(l))).to.deep.equal([
      false,
      false,
      false,
    ]);
  });

  it('keeps a label’s colon after the label on an RTL page', async () => {
    const el = await rtlHero('en-AU');
    const label = part(el, 'chip')!.querySelector('.chip-label')!;
    expect(label.textContent).to.equal('Metal:');
    expect(xOf(label, indexIn(label, ':'))).to.be.greaterThan(xOf(label, indexIn(label, 'M')));
  });

  it('keeps a Latin currency symbol whole, read from the right, in an RTL locale', async () => {
    const el = await rtlHero('ar-AE');
    const value = parts(el, 'stat-value')[0]!;
    const symbol = value.textContent!.match(/[A-Z]+\$/)![0]; // AU$ (ICU's symbol for AUD here)
    const first = indexIn(value, symbol);
    // Its letters then its `$`, left to right; the whole symbol left of the number.
    expect(xOf(value, first + symbol.length - 1)).to.be.greaterThan(xOf(value, first));
    expect(xOf(value, first)).to.be.lessThan(xOf(value, indexIn(value, '1')));
    // Left-to-right locales are unchanged: no invisible marks in their text.
    expect(formatMoney({ amount: 12050, currency: 'AUD' }, 'en-AU')).to.equal('$120.50');
  });
});
