import { expect, fixture, html } from '@open-wc/testing';
import '../components/provider/provider.js';
import '../components/customer-hero/customer-hero.js';
import '../components/store-credit-ledger/store-credit-ledger.js';
import type { LoupeCustomerHero } from '../components/customer-hero/customer-hero.js';
import type { LoupeProvider } from '../components/provider/provider.js';
import type { LoupeStoreCreditLedger } from '../components/store-credit-ledger/store-credit-ledger.js';
import { part, text } from '../testing/dom.js';
import { FakeLoupeClient } from '../testing/fake-client.js';
import { showcaseCustomer, showcaseSummary } from '../testing/fixtures.js';

const HINT = 'Not connected to Loupe: set base-url and token, or wrap in <loupe-provider>.';

const fake = () =>
  new FakeLoupeClient({ customers: [showcaseCustomer], summaries: [showcaseSummary] });

/** Records the widgets' console warnings (not Lit's own dev-mode notices) while a test runs. */
let warnings: unknown[][] = [];
const originalWarn = console.warn;

describe('an element with no way to reach Loupe', () => {
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes('Not connected')) warnings.push(args);
      else originalWarn(...args);
    };
  });
  afterEach(() => {
    console.warn = originalWarn;
  });

  it('shows what is missing instead of an endless skeleton, and warns once', async () => {
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    await el.loadComplete;
    expect(text(part(el, 'error'))).to.equal(HINT);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'skeleton')).to.equal(null);
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();

    el.locale = 'en-US';
    await el.updateComplete;
    expect(warnings).to.have.length(1);
    expect(warnings[0]![0]).to.equal(`<loupe-customer-hero>: ${HINT}`);
    expect(warnings[0]![1]).to.equal(el);
  });

  it('says the same in the ledger, whose skeleton is its table', async () => {
    const el = await fixture<LoupeStoreCreditLedger>(
      html`<loupe-store-credit-ledger customer-id="cus_showcase"></loupe-store-credit-ledger>`,
    );
    await el.loadComplete;
    expect(text(part(el, 'error'))).to.equal(HINT);
    expect(part(el, 'table')).to.equal(null);
    expect(warnings.map((args) => args[0])).to.deep.equal([`<loupe-store-credit-ledger>: ${HINT}`]);
  });

  it('says so, without loading the SDK or rejecting, when base-url comes without a token', async () => {
    // The SDK refuses a client without a credential; the element must not ask it for one.
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const el = await fixture<LoupeCustomerHero>(
        html`<loupe-customer-hero
          base-url="https://loupe.example.com"
          customer-id="cus_showcase"
        ></loupe-customer-hero>`,
      );
      await el.loadComplete;
      await new Promise((resolve) => setTimeout(resolve));
      expect(text(part(el, 'error'))).to.equal(HINT);
      expect(part(el, 'skeleton')).to.equal(null);
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
      expect(warnings.map((args) => args[0])).to.deep.equal([`<loupe-customer-hero>: ${HINT}`]);
      expect(rejections).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('waits without a rejection inside a provider whose fetchToken comes later', async () => {
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const provider = await fixture<LoupeProvider>(html`<loupe-provider
        base-url="https://loupe.example.com"
      >
        <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
      </loupe-provider>`);
      const el = provider.querySelector<LoupeCustomerHero>('loupe-customer-hero')!;
      await el.loadComplete;
      await new Promise((resolve) => setTimeout(resolve));
      expect(part(el, 'skeleton')).to.exist;
      expect(part(el, 'error')).to.equal(null);
      expect(warnings).to.have.length(0);
      expect(rejections).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('loads once it is put inside a provider', async () => {
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    await el.loadComplete;

    const provider = await fixture<LoupeProvider>(
      html`<loupe-provider .client=${fake()}></loupe-provider>`,
    );
    provider.append(el);
    await el.loadComplete;
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(part(el, 'error')).to.equal(null);
  });

  it('loads once it is given a client', async () => {
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    await el.loadComplete;
    el.client = fake();
    await el.loadComplete;
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(part(el, 'error')).to.equal(null);
  });

  it('waits without complaint inside a provider that is still connecting', async () => {
    const provider = await fixture<LoupeProvider>(html`<loupe-provider>
      <loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero>
    </loupe-provider>`);
    const el = provider.querySelector<LoupeCustomerHero>('loupe-customer-hero')!;
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'skeleton')).to.exist;
    expect(part(el, 'error')).to.equal(null);
    expect(warnings).to.have.length(0);

    provider.client = fake();
    await provider.updateComplete;
    await el.loadComplete;
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
  });

  it('asks nothing more of the server once removed from the page', async () => {
    const client = fake();
    const el = await fixture<LoupeCustomerHero>(
      html`<loupe-customer-hero .client=${client} customer-id="cus_showcase"></loupe-customer-hero>`,
    );
    await el.loadComplete;
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    el.remove();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(client.callsOf('customers.retrieve')).to.have.length(1);
  });
});
