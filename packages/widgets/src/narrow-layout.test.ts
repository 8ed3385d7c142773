import { expect, fixture, html } from '@open-wc/testing';
import './components/provider/provider.js';
import './components/customer-hero/customer-hero.js';
import './components/store-credit-ledger/store-credit-ledger.js';
import { part, parts, until } from './testing/dom.js';
import { FakeLoupeClient } from './testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from './testing/fixtures.js';

// A 390 px phone with a page that pads its content and lays cards out in a grid column, as
// the demo page and most back offices do: the column is what the elements get.
const COLUMN = 326;

const fake = () =>
  new FakeLoupeClient({
    customers: [showcaseCustomer],
    summaries: [showcaseSummary],
    ledgers: { [showcaseCustomer.id]: ledgerRows(showcaseCustomer.id, 3) },
    permissions: ['view_customers', 'send_email', 'adjust_store_credit'],
  });

async function phonePage(): Promise<HTMLElement> {
  const page =
    await fixture<HTMLElement>(html`<div style="display: grid; gap: 1rem; width: ${COLUMN}px">
    <loupe-provider .client=${fake()} locale="en-AU" links='{"sale": "/sales/{id}"}'>
      <loupe-customer-hero customer-id=${showcaseCustomer.id}></loupe-customer-hero>
      <loupe-store-credit-ledger customer-id=${showcaseCustomer.id}></loupe-store-credit-ledger>
    </loupe-provider>
  </div>`);
  const hero = page.querySelector('loupe-customer-hero')!;
  const ledger = page.querySelector('loupe-store-credit-ledger')!;
  await Promise.all([hero.loadComplete, ledger.loadComplete]);
  return page;
}

/** Every element in `root` (through shadow roots) that reaches past `right`, skipping `inside`. */
function pastEdge(root: ParentNode, right: number, inside?: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (inside?.contains(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 0.5) found.push(`${el.localName}.${el.className}`);
    if (el.shadowRoot) found.push(...pastEdge(el.shadowRoot, right, inside));
  }
  return found;
}

describe('on a phone-width column', () => {
  it('keeps both elements within the column; the ledger’s table scrolls inside its card', async () => {
    const page = await phonePage();
    const right = page.getBoundingClientRect().right;
    const ledger = page.querySelector('loupe-store-credit-ledger')!;
    const scroller = part(ledger, 'table')!.parentElement!;
    // Only what the table's scroller clips may be wider than the column.
    expect(pastEdge(page, right, scroller)).to.deep.equal([]);
    expect(ledger.getBoundingClientRect().width).to.be.at.most(COLUMN);
    expect(getComputedStyle(scroller).overflowX).to.equal('auto');
    await expect(ledger).to.be.accessible();
  });

  it('stacks the stat cards', async () => {
    const page = await phonePage();
    const hero = page.querySelector('loupe-customer-hero')!;
    const lefts = parts(hero, 'stat').map((stat) => Math.round(stat.getBoundingClientRect().left));
    expect(lefts).to.have.length(3);
    expect(new Set(lefts).size).to.equal(1);
  });

  it('lays each ledger row out in lines instead of making the table scroll sideways', async () => {
    const page = await phonePage();
    const ledger = page.querySelector('loupe-store-credit-ledger')!;
    const scroller = part(ledger, 'table')!.parentElement!;
    expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth);

    const [date, reason, amount, balance, reference] = Array.from(
      part(ledger, 'row')!.children,
    ).map((cell) => cell.getBoundingClientRect());
    // Date and amount share the first line; the reason has the card's width below them; then
    // the reference and the balance after.
    expect(Math.round(amount!.top)).to.equal(Math.round(date!.top));
    expect(reason!.top).to.be.above(date!.top);
    expect(Math.round(reason!.width)).to.equal(Math.round(scroller.clientWidth));
    expect(Math.round(balance!.top)).to.equal(Math.round(reference!.top));
    expect(balance!.top).to.be.above(reason!.top);
    // The header row is out of sight, so the running balance says what it is.
    const balanceLabel = getComputedStyle(part(ledger, 'row')!.children[3]!, '::before').content;
    expect(balanceLabel).to.equal('"Balance after "');
    await expect(ledger).to.be.accessible();
  });

  it('fits the open adjust form in the column', async () => {
    const page = await phonePage();
    const ledger = page.querySelector('loupe-store-credit-ledger')!;
    part<HTMLButtonElement>(ledger, 'adjust-button')!.click();
    await until(
      () => ledger.shadowRoot!.querySelector('loupe-store-credit-adjust-form')?.shadowRoot,
      'form open',
    );
    await ledger.shadowRoot!.querySelector('loupe-store-credit-adjust-form')!.updateComplete;
    expect(pastEdge(page, page.getBoundingClientRect().right)).to.deep.equal([]);
  });
});
