import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../provider/provider.js';
import './customer-hero.js';
import { identityOf } from '../../identity.js';
import { part, parts, text } from '../../testing/dom.js';
import { FakeLoupeClient, FakeProblem } from '../../testing/fake-client.js';
import {
  laybySummary,
  showcaseCustomer,
  showcaseSummary,
  sparseCustomer,
} from '../../testing/fixtures.js';
import type { LoupeCustomerHero } from './customer-hero.js';

function client(options: ConstructorParameters<typeof FakeLoupeClient>[0] = {}) {
  return new FakeLoupeClient({
    customers: [showcaseCustomer, sparseCustomer],
    summaries: [showcaseSummary],
    permissions: ['view_customers', 'send_email'],
    ...options,
  });
}

async function hero(
  fake: FakeLoupeClient,
  id: string | null = showcaseCustomer.id,
  locale = 'en-AU',
) {
  return fixture<LoupeCustomerHero>(
    html`<loupe-customer-hero .client=${fake} customer-id=${id ?? nothing} locale=${locale}></loupe-customer-hero>`,
  );
}

/**
 * Makes `new Date()` and `Date.now()` answer `localTime` (a local wall-clock time) until the
 * returned function is called. Dates built from a value are left alone.
 */
function freezeClock(localTime: string): () => void {
  const RealDate = Date;
  const now = new RealDate(localTime).getTime();
  class FixedDate extends RealDate {
    constructor(...args: [] | [string | number | Date]) {
      super(...((args.length ? args : [now]) as [number]));
    }
    static override now(): number {
      return now;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}

async function loaded(el: LoupeCustomerHero) {
  await el.loadComplete;
  return el;
}

describe('<loupe-customer-hero>', () => {
  it('shows an accessible skeleton while loading', async () => {
    const el = await hero(client({ latency: Number.POSITIVE_INFINITY }));
    expect(part(el, 'skeleton')).to.exist;
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('renders the customer once loaded, and is accessible', async () => {
    const el = await loaded(await hero(client()));
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(text(part(el, 'avatar'))).to.equal('MC');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
    expect(parts(el, 'pill').map(text)).to.deep.equal(['VIP', 'Bridal', 'Pearls']);
    expect(text(part(el, 'since'))).to.equal('Customer since March 2021');
    expect(parts(el, 'chip').map(text)).to.deep.equal([
      'Metal: Rose gold',
      'Gold: 18ct',
      'Ring size: N½',
      'Wrist size: 16.5 cm',
    ]);
    expect(text(part(el, 'contact'))).to.contain('mei.chen@example.com');
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('Mei Chen loaded.');
    await expect(el).to.be.accessible();
  });

  it('makes the allergy impossible to miss: text and an icon', async () => {
    const el = await loaded(await hero(client()));
    const allergy = part(el, 'allergy')!;
    expect(text(allergy)).to.equal('Allergy: Nickel');
    expect(allergy.querySelector('svg')).to.exist;
    expect(getComputedStyle(allergy).color).to.equal('rgb(164, 22, 26)');
  });

  it('shows what open laybys still owe as a chip staff can’t miss, and nothing without one', async () => {
    const el = await loaded(await hero(client({ summaries: [laybySummary] })));
    const layby = part(el, 'layby')!;
    expect(text(layby)).to.equal('Layby: $2,860.00 due');
    expect(getComputedStyle(layby).color).to.equal('rgb(138, 75, 0)');
    await expect(el).to.be.accessible();
    const two = await loaded(
      await hero(client({ summaries: [{ ...laybySummary, open_laybys: 2 }] })),
    );
    expect(text(part(two, 'layby'))).to.equal('2 laybys: $2,860.00 due');
    const none = await loaded(await hero(client()));
    expect(part(none, 'layby')).to.equal(null);
  });

  it('puts store credit first, then lifetime spend and last visit, formatted for the locale', async () => {
    const el = await loaded(await hero(client()));
    const stats = parts(el, 'stat').map((stat) => [
      text(stat.querySelector('dt')),
      text(stat.querySelector('dd')),
    ]);
    expect(stats[0]).to.deep.equal(['Store credit', '$120.50']);
    expect(stats[1]).to.deep.equal(['Lifetime spend', '$18,349.00']);
    expect(stats[2]).to.deep.equal(['Last visit', '14 Feb 2026']);
  });

  it('formats money with Intl for another locale', async () => {
    const el = await loaded(await hero(client(), showcaseCustomer.id, 'de-DE'));
    const value = text(parts(el, 'stat-value')[0]);
    expect(value).to.match(/^120,50\sAU\$$/);
  });

  it('says when the customer has not visited, and a recent visit in words', async () => {
    // A fixed clock: the morning after a daylight-saving change, when "now minus 24 hours"
    // would still be today in zones that moved their clocks back overnight.
    const restore = freezeClock('2026-04-06T09:00:00');
    try {
      const fake = client({
        summaries: [{ ...showcaseSummary, last_visit_at: '2026-04-05T16:30:00' }],
      });
      const recent = await loaded(await hero(fake));
      expect(text(parts(recent, 'stat-value')[2])).to.equal('yesterday');
    } finally {
      restore();
    }

    const never = await loaded(await hero(client(), sparseCustomer.id));
    expect(text(parts(never, 'stat-value')[2])).to.equal('No visits yet');
    expect(part(never, 'allergy')).to.equal(null);
    expect(part(never, 'contact')).to.equal(null);
  });

  it('shows an empty state without a customer id, and for an unknown customer', async () => {
    const none = await loaded(await hero(client(), null));
    expect(text(part(none, 'empty'))).to.equal('No customer selected.');
    await expect(none).to.be.accessible();

    const unknown = await loaded(await hero(client(), 'cus_missing'));
    expect(text(part(unknown, 'empty'))).to.equal('This customer could not be found.');
    await expect(unknown).to.be.accessible();
  });

  it('shows an error with a retry that loads again', async () => {
    const fake = client();
    fake.failures.set('customers.summary', new FakeProblem(500, 'internal_error'));
    const el = await loaded(await hero(fake));
    expect(text(part(el, 'error'))).to.contain('Couldn’t load this from Loupe.');
    await expect(el).to.be.accessible();

    fake.failures.delete('customers.summary');
    part<HTMLButtonElement>(el, 'retry')!.click();
    await loaded(el);
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(fake.callsOf('customers.summary')).to.have.length(2);
  });

  it('tells an expired session apart from other failures', async () => {
    const fake = client();
    fake.failures.set('customers.retrieve', new FakeProblem(401, 'unauthenticated'));
    const el = await loaded(await hero(fake));
    expect(text(part(el, 'error'))).to.contain('Your session has expired.');
  });

  it('offers Send email only with the send_email permission and an email', async () => {
    const allowed = await loaded(await hero(client()));
    const link = part<HTMLAnchorElement>(allowed, 'send-email')!;
    expect(link.href).to.equal('mailto:mei.chen@example.com');
    expect(text(link)).to.equal('Send email to Mei Chen');

    const denied = await loaded(await hero(client({ permissions: ['view_customers'] })));
    expect(part(denied, 'name')).to.exist;
    expect(part(denied, 'send-email')).to.equal(null);

    const noEmail = await loaded(
      await hero(client({ customers: [{ ...showcaseCustomer, email: null }] })),
    );
    expect(part(noEmail, 'send-email')).to.equal(null);
  });

  it('fires a cancelable loupe-send-email that replaces the mailto link when cancelled', async () => {
    const el = await loaded(await hero(client()));
    const seen: unknown[] = [];
    el.addEventListener('loupe-send-email', (event) => {
      seen.push(event.detail);
      event.preventDefault();
    });
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    part(el, 'send-email')!.dispatchEvent(click);
    expect(seen).to.deep.equal([{ customerId: 'cus_showcase', email: 'mei.chen@example.com' }]);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('leaves the mailto link alone when nobody cancels loupe-send-email', async () => {
    const el = await loaded(await hero(client()));
    let preventedByHero: boolean | undefined;
    const stopNavigation = (event: Event) => {
      preventedByHero = event.defaultPrevented;
      event.preventDefault();
    };
    document.addEventListener('click', stopNavigation);
    try {
      part(el, 'send-email')!.click();
    } finally {
      document.removeEventListener('click', stopNavigation);
    }
    expect(preventedByHero).to.equal(false);
  });

  it('aborts the request in flight when the customer id changes', async () => {
    const fake = client();
    await identityOf(fake); // known already, so only the customer requests hang
    fake.latency = Number.POSITIVE_INFINITY;
    const el = await hero(fake);
    const first = fake.callsOf('customers.retrieve')[0]!;
    expect(first.signal!.aborted).to.equal(false);

    fake.latency = 0;
    el.customerId = sparseCustomer.id;
    await loaded(el);
    expect(first.signal!.aborted).to.equal(true);
    expect(text(part(el, 'name'))).to.equal('Sam');
  });

  it('aborts the request in flight when removed, and loads again when put back', async () => {
    const fake = client();
    await identityOf(fake);
    fake.latency = Number.POSITIVE_INFINITY;
    const el = await hero(fake);
    el.remove();
    expect(fake.callsOf('customers.retrieve')[0]!.signal!.aborted).to.equal(true);

    fake.latency = 0;
    document.body.append(el); // moved back: it loads again
    await loaded(el);
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    el.remove();
  });

  it('takes its client and locale from an enclosing <loupe-provider>', async () => {
    const fake = client();
    const wrapper = await fixture(html`<loupe-provider .client=${fake} locale="en-US">
      <div><loupe-customer-hero customer-id="cus_showcase"></loupe-customer-hero></div>
    </loupe-provider>`);
    const el = await loaded(wrapper.querySelector('loupe-customer-hero')!);
    expect(text(part(el, 'since'))).to.equal('Customer since March 2021');
    expect(text(parts(el, 'stat-value')[0])).to.equal('A$120.50');
  });

  it('reloads its figures when a ledger on the page adjusts this customer’s credit', async () => {
    const fake = client();
    const el = await loaded(await hero(fake));
    const detail = {
      customerId: 'cus_showcase',
      transaction: {} as never,
      balance: { amount: 0, currency: 'AUD' },
    };
    document.body.dispatchEvent(
      new CustomEvent('loupe-store-credit-adjusted', { detail, bubbles: true, composed: true }),
    );
    document.body.dispatchEvent(
      new CustomEvent('loupe-store-credit-adjusted', {
        detail: { ...detail, customerId: 'cus_other' },
        bubbles: true,
        composed: true,
      }),
    );
    await loaded(el);
    expect(fake.callsOf('customers.summary')).to.have.length(2);
  });

  it('shows a customer session’s own customer when given no id (a storefront)', async () => {
    const el = await loaded(await hero(client({ sessionCustomerId: 'cus_showcase' }), null));
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
  });

  it('reports an unreadable session instead of “no customer” when given no id', async () => {
    const fake = client({ sessionCustomerId: 'cus_showcase' });
    fake.failures.set('me', new FakeProblem(401, 'unauthenticated'));
    const el = await loaded(await hero(fake, null));
    expect(text(part(el, 'error'))).to.contain('Your session has expired.');
  });

  it('hides Send email when the credential can’t be read, but still shows the customer', async () => {
    const fake = client();
    fake.failures.set('me', new FakeProblem(503, 'internal_error'));
    const el = await loaded(await hero(fake));
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(part(el, 'send-email')).to.equal(null);
  });
});
