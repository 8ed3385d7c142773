// The provider is imported by the tests below, not here: this page starts with elements whose
// <loupe-provider> isn't defined yet, as when a theme editor or tag manager orders the scripts.
import { expect, fixture, html } from '@open-wc/testing';
import '../components/customer-hero/customer-hero.js';
import type { LoupeCustomerHero } from '../components/customer-hero/customer-hero.js';
import type { LoupeProvider } from '../components/provider/provider.js';
import type { LoupeStoreCreditLedger } from '../components/store-credit-ledger/store-credit-ledger.js';
import { part, parts, text } from '../testing/dom.js';
import { FakeLoupeClient } from '../testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from '../testing/fixtures.js';

const fake = () =>
  new FakeLoupeClient({
    customers: [showcaseCustomer],
    summaries: [showcaseSummary],
    ledgers: { cus_showcase: ledgerRows('cus_showcase', 2) },
  });

describe('script order', () => {
  it('an element defined before its provider waits for it, then loads through it', async () => {
    const warnings: unknown[][] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const provider = await fixture<LoupeProvider>(html`<loupe-provider locale="en-US">
        <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
      </loupe-provider>`);
      const hero = provider.querySelector<LoupeCustomerHero>('loupe-customer-hero')!;
      await hero.loadComplete;
      expect(customElements.get('loupe-provider')).to.equal(undefined);
      expect(part(hero, 'skeleton')).to.exist;
      expect(part(hero, 'error')).to.equal(null);

      // The provider's script runs late; its client arrives later still.
      await import('../components/provider/provider.js');
      provider.client = fake();
      await provider.updateComplete;
      await hero.loadComplete;
      expect(text(part(hero, 'name'))).to.equal('Mei Chen');
      expect(text(parts(hero, 'stat-value')[0])).to.equal('A$120.50'); // the provider's locale
      expect(warnings).to.deep.equal([]);
    } finally {
      console.warn = originalWarn;
    }
  });

  it('an element defined after its provider finds it too', async () => {
    await import('../components/provider/provider.js');
    const provider = await fixture<LoupeProvider>(html`<loupe-provider .client=${fake()}>
      <loupe-store-credit-ledger customer-id="cus_showcase"></loupe-store-credit-ledger>
    </loupe-provider>`);
    expect(customElements.get('loupe-store-credit-ledger')).to.equal(undefined);

    await import('../components/store-credit-ledger/store-credit-ledger.js');
    const ledger = provider.querySelector<LoupeStoreCreditLedger>('loupe-store-credit-ledger')!;
    await ledger.loadComplete;
    expect(parts(ledger, 'row')).to.have.length(2);
  });
});
