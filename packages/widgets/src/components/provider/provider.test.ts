import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import './provider.js';
import '../customer-hero/customer-hero.js';
import '../store-credit-ledger/store-credit-ledger.js';
import { part, parts, text } from '../../testing/dom.js';
import { FakeLoupeClient } from '../../testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from '../../testing/fixtures.js';
import type { LoupeCustomerHero } from '../customer-hero/customer-hero.js';
import type { LoupeStoreCreditLedger } from '../store-credit-ledger/store-credit-ledger.js';
import type { LoupeProvider } from './provider.js';

/** A host app's own component that renders a Loupe element inside its shadow root. */
class HostPanel extends LitElement {
  protected override render() {
    return html`<loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>`;
  }
}
customElements.define('test-host-panel', HostPanel);

const fake = () =>
  new FakeLoupeClient({ customers: [showcaseCustomer], summaries: [showcaseSummary] });

async function heroIn(root: ParentNode): Promise<LoupeCustomerHero> {
  const el = root.querySelector('loupe-customer-hero')!;
  await el.loadComplete;
  return el;
}

describe('<loupe-provider>', () => {
  it('renders its children and is accessible', async () => {
    const el = await fixture<LoupeProvider>(
      html`<loupe-provider .client=${fake()}><p>Counter</p></loupe-provider>`,
    );
    expect(text(el)).to.equal('Counter');
    await expect(el).to.be.accessible();
  });

  it('reaches elements inside other components’ shadow roots', async () => {
    const el = await fixture<LoupeProvider>(
      html`<loupe-provider .client=${fake()} locale="en-AU"><test-host-panel></test-host-panel></loupe-provider>`,
    );
    const panel = el.querySelector<HostPanel>('test-host-panel')!;
    await panel.updateComplete;
    const hero = await heroIn(panel.shadowRoot!);
    expect(text(part(hero, 'name'))).to.equal('Mei Chen');
  });

  it('passes a new locale down to the elements inside', async () => {
    const el = await fixture<LoupeProvider>(html`<loupe-provider .client=${fake()} locale="en-AU">
      <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
    </loupe-provider>`);
    const hero = await heroIn(el);
    expect(text(parts(hero, 'stat-value')[0])).to.equal('$120.50');

    el.locale = 'en-US';
    await el.updateComplete;
    await hero.updateComplete;
    expect(text(parts(hero, 'stat-value')[0])).to.equal('A$120.50');
  });

  it('lets an element’s own attributes and client win over the provider’s', async () => {
    const own = fake();
    const shared = fake();
    const el = await fixture<LoupeProvider>(html`<loupe-provider .client=${shared} locale="en-US">
      <loupe-customer-hero .client=${own} locale="en-AU" customer-id="cus_showcase"></loupe-customer-hero>
    </loupe-provider>`);
    const hero = await heroIn(el);
    expect(text(parts(hero, 'stat-value')[0])).to.equal('$120.50');
    expect(own.callsOf('customers.retrieve')).to.have.length(1);
    expect(shared.callsOf('customers.retrieve')).to.have.length(0);
  });

  it('ignores links that aren’t a JSON object of templates, with one warning, and keeps working', async () => {
    const warnings: unknown[][] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes('links')) warnings.push(args);
      else originalWarn(...args);
    };
    try {
      const client = new FakeLoupeClient({
        customers: [showcaseCustomer],
        ledgers: { cus_showcase: ledgerRows('cus_showcase', 1) },
      });
      const el = await fixture<LoupeProvider>(html`<loupe-provider
        .client=${client}
        links="{sale: /pos/sales/{id}}"
      >
        <loupe-store-credit-ledger customer-id="cus_showcase"></loupe-store-credit-ledger>
      </loupe-provider>`);
      const ledger = el.querySelector<LoupeStoreCreditLedger>('loupe-store-credit-ledger')!;
      await ledger.loadComplete;
      expect(el.links).to.equal(undefined);
      expect(part(ledger, 'reference')!.tagName).to.equal('SPAN');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('{sale: /pos/sales/{id}}');

      el.setAttribute('links', '["/pos/sales/{id}"]');
      await el.updateComplete;
      expect(el.links).to.equal(undefined);
      el.setAttribute('links', '{"sale": 5}');
      await el.updateComplete;
      expect(el.links).to.equal(undefined);
      await ledger.updateComplete;
      expect(part(ledger, 'reference')!.tagName).to.equal('SPAN');
      expect(warnings).to.have.length(3);

      el.setAttribute('links', '{"sale": "/pos/sales/{id}"}');
      await el.updateComplete;
      await ledger.updateComplete;
      expect(part(ledger, 'reference')!.tagName).to.equal('A');
      expect(part(ledger, 'reference')!.getAttribute('href')).to.equal('/pos/sales/sale_1000');
      expect(warnings).to.have.length(3);

      // As a framework passes it: the property, holding the JSON string.
      el.links = '{"sale": "/till/{id}"}';
      await el.updateComplete;
      await ledger.updateComplete;
      expect(part(ledger, 'reference')!.getAttribute('href')).to.equal('/till/sale_1000');
      el.links = '{sale: /till/{id}}';
      await el.updateComplete;
      await ledger.updateComplete;
      expect(part(ledger, 'reference')!.tagName).to.equal('SPAN');
      expect(warnings).to.have.length(4);
      expect(String(warnings[3]![0])).to.contain('{sale: /till/{id}}');
      el.locale = 'en-US'; // a render for another reason doesn't warn again
      await el.updateComplete;
      expect(warnings).to.have.length(4);
    } finally {
      console.warn = originalWarn;
    }
  });
});
