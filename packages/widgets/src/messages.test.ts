import { expect, fixture, html } from '@open-wc/testing';
import './components/customer-hero/customer-hero.js';
import './components/store-credit-ledger/store-credit-ledger.js';
import type { LoupeCustomerHero } from './components/customer-hero/customer-hero.js';
import type { LoupeStoreCreditLedger } from './components/store-credit-ledger/store-credit-ledger.js';
import { messages, setMessages } from './messages.js';
import { part, parts, text } from './testing/dom.js';
import { FakeLoupeClient } from './testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from './testing/fixtures.js';

describe('setMessages()', () => {
  const original = messages();
  afterEach(() => setMessages(original));

  it('re-renders the elements already on the page with the new words', async () => {
    const client = new FakeLoupeClient({
      customers: [showcaseCustomer],
      summaries: [showcaseSummary],
      ledgers: { cus_showcase: ledgerRows('cus_showcase', 1) },
    });
    const page = await fixture<HTMLElement>(html`<div>
      <loupe-customer-hero .client=${client} customer-id="cus_showcase"></loupe-customer-hero>
      <loupe-store-credit-ledger .client=${client} customer-id="cus_showcase"></loupe-store-credit-ledger>
    </div>`);
    const hero = page.querySelector<LoupeCustomerHero>('loupe-customer-hero')!;
    const ledger = page.querySelector<LoupeStoreCreditLedger>('loupe-store-credit-ledger')!;
    await Promise.all([hero.loadComplete, ledger.loadComplete]);
    expect(text(parts(hero, 'stat-label')[0])).to.equal('Store credit');

    setMessages({ storeCredit: 'Crédit magasin', ledgerTitle: 'Historique du crédit' });
    await Promise.all([hero.updateComplete, ledger.updateComplete]);
    expect(text(parts(hero, 'stat-label')[0])).to.equal('Crédit magasin');
    expect(text(part(ledger, 'title'))).to.equal('Historique du crédit');
  });

  it('leaves elements removed from the page alone', async () => {
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    el.remove();
    setMessages({ noCustomer: 'Aucun client' });
    expect(el.isUpdatePending).to.equal(false);
  });
});
