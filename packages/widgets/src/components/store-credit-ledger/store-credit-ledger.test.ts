import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import '../provider/provider.js';
import './store-credit-ledger.js';
import type { StoreCreditAdjustParams } from '../../client.js';
import type { LoupeStoreCreditAdjustedDetail } from '../../events.js';
import { identityOf } from '../../identity.js';
import { part, parts, text, until } from '../../testing/dom.js';
import { FakeLoupeClient, FakeProblem, type Permission } from '../../testing/fake-client.js';
import { ledgerRows, showcaseCustomer, sparseCustomer } from '../../testing/fixtures.js';
import type { LoupeStoreCreditAdjustForm } from './adjust-form.component.js';
import type { LoupeStoreCreditLedger } from './store-credit-ledger.js';

const ADJUST: Permission[] = ['view_customers', 'adjust_store_credit'];

function client(rows = 4, options: ConstructorParameters<typeof FakeLoupeClient>[0] = {}) {
  return new FakeLoupeClient({
    customers: [showcaseCustomer, sparseCustomer],
    ledgers: { [showcaseCustomer.id]: ledgerRows(showcaseCustomer.id, rows) },
    permissions: ADJUST,
    ...options,
  });
}

async function ledger(
  fake: FakeLoupeClient,
  id: string | null = showcaseCustomer.id,
  pageSize = 10,
) {
  return fixture<LoupeStoreCreditLedger>(
    html`<loupe-store-credit-ledger
      .client=${fake}
      customer-id=${id ?? nothing}
      page-size=${pageSize}
      locale="en-AU"
    ></loupe-store-credit-ledger>`,
  );
}

async function settled(el: LoupeStoreCreditLedger) {
  await el.loadComplete;
  return el;
}

function rowTexts(el: LoupeStoreCreditLedger): string[][] {
  return parts<HTMLTableRowElement>(el, 'row').map((row) =>
    Array.from(row.cells, (cell) => text(cell)),
  );
}

function status(el: LoupeStoreCreditLedger): string {
  return text(el.shadowRoot!.querySelector('[role="status"]'));
}

async function openForm(el: LoupeStoreCreditLedger): Promise<LoupeStoreCreditAdjustForm> {
  part<HTMLButtonElement>(el, 'adjust-button')!.click();
  await until(() => el.shadowRoot!.querySelector('loupe-store-credit-adjust-form'), 'form open');
  const form = el.shadowRoot!.querySelector('loupe-store-credit-adjust-form')!;
  await form.updateComplete;
  return form;
}

function fill(form: LoupeStoreCreditAdjustForm, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    if (field.type === 'radio' || name === 'kind') {
      form.shadowRoot!.querySelector<HTMLInputElement>(`[name="kind"][value="${value}"]`)!.click();
    } else {
      field.value = value;
    }
  }
}

function submit(form: LoupeStoreCreditAdjustForm) {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

describe('<loupe-store-credit-ledger>', () => {
  it('shows an accessible skeleton while loading', async () => {
    const el = await ledger(client(4, { latency: Number.POSITIVE_INFINITY }));
    expect(parts(el, 'skeleton').length).to.be.greaterThan(0);
    expect(part(el, 'table')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('shows the balance and the history, signed and coloured, and is accessible', async () => {
    const el = await settled(await ledger(client(4)));
    // Rows oldest first: +50.00, +51.00, −25.00, +53.00 → balance 129.00.
    expect(text(part(el, 'balance'))).to.equal('Balance $129.00');
    expect(rowTexts(el)).to.deep.equal([
      ['10 Jan 2026', 'Return credit 4', '+$53.00', '$129.00', 'Sale sale_1003'],
      ['7 Jan 2026', 'Redeemed at counter 3', '-$25.00', '$76.00', 'Sale sale_1002'],
      ['4 Jan 2026', 'Return credit 2', '+$51.00', '$101.00', 'Sale sale_1001'],
      ['1 Jan 2026', 'Return credit 1', '+$50.00', '$50.00', 'Sale sale_1000'],
    ]);
    const [credit, debit] = parts(el, 'amount');
    expect(credit!.part.contains('credit')).to.equal(true);
    expect(debit!.part.contains('debit')).to.equal(true);
    expect(getComputedStyle(credit!).color).to.equal('rgb(17, 99, 41)');
    expect(getComputedStyle(debit!).color).to.equal('rgb(180, 35, 24)');
    expect(part(el, 'pagination')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state for a customer without store credit activity', async () => {
    const el = await settled(await ledger(client(), sparseCustomer.id));
    expect(text(part(el, 'empty'))).to.equal('No store credit activity yet.');
    expect(text(part(el, 'balance'))).to.equal('Balance $0.00');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that loads again', async () => {
    const fake = client();
    fake.failures.set('storeCredit.retrieve', new FakeProblem(503, 'internal_error'));
    const el = await settled(await ledger(fake));
    expect(text(part(el, 'error'))).to.contain('Couldn’t load this from Loupe.');
    await expect(el).to.be.accessible();

    fake.failures.delete('storeCredit.retrieve');
    part<HTMLButtonElement>(el, 'retry')!.click();
    await el.loadComplete;
    expect(parts(el, 'row')).to.have.length(4);
  });

  it('pages through the history with next and previous, and announces each page', async () => {
    const fake = client(25);
    const el = await settled(await ledger(fake, showcaseCustomer.id, 10));
    const [previous, next] = parts<HTMLButtonElement>(el, 'pagination')[0]!.querySelectorAll(
      'button',
    );
    expect(previous!.disabled).to.equal(true);
    expect(rowTexts(el)[0]![1]).to.equal('Return credit 25');

    next!.click();
    await el.loadComplete;
    expect(rowTexts(el)[0]![1]).to.equal('Redeemed at counter 15');
    expect(status(el)).to.equal('Page 2, 10 entries.');
    expect(fake.callsOf('storeCredit.retrieve').at(-1)!.args[1]).to.deep.equal({
      limit: 10,
      cursor: '10',
    });

    next!.click();
    await el.loadComplete;
    expect(parts(el, 'row')).to.have.length(5);
    expect(status(el)).to.equal('Page 3, 5 entries.');
    expect(next!.disabled).to.equal(true);

    previous!.click();
    await el.loadComplete;
    expect(parts(el, 'row')).to.have.length(10);
    expect(rowTexts(el)[0]![1]).to.equal('Redeemed at counter 15');
    await expect(el).to.be.accessible();
  });

  it('hides the adjust action from credentials without adjust_store_credit', async () => {
    const el = await settled(await ledger(client(4, { permissions: ['view_customers'] })));
    expect(parts(el, 'row')).to.have.length(4);
    expect(part(el, 'adjust-button')).to.equal(null);
  });

  it('loads the adjust form only when first opened, then credits and refreshes', async () => {
    const fake = client(4);
    const el = await settled(await ledger(fake));
    expect(customElements.get('loupe-store-credit-adjust-form')).to.equal(undefined);

    const form = await openForm(el);
    expect(customElements.get('loupe-store-credit-adjust-form')).to.exist;
    expect(form.shadowRoot!.querySelector('form')!.getAttribute('aria-label')).to.equal(
      'Adjust store credit',
    );
    expect(part(el, 'adjust-button')!.getAttribute('aria-expanded')).to.equal('true');
    // Focus moves into the form, onto its first control (Credit).
    expect(el.shadowRoot!.activeElement).to.equal(form);
    expect(form.shadowRoot!.activeElement).to.equal(
      form.shadowRoot!.querySelector('[value="credit"]'),
    );
    await expect(el).to.be.accessible();

    fill(form, { amount: '25.50', reason: 'Goodwill', reference_id: 'INV-88' });
    const adjusted = oneEvent(el, 'loupe-store-credit-adjusted');
    submit(form);
    const { detail } = (await adjusted) as CustomEvent<LoupeStoreCreditAdjustedDetail>;
    expect(detail.balance).to.deep.equal({ amount: 15450, currency: 'AUD' });
    expect(fake.callsOf('storeCredit.adjust')[0]!.args[1]).to.deep.equal({
      amount: { amount: 2550, currency: 'AUD' },
      reason: 'Goodwill',
      reference_type: 'sale',
      reference_id: 'INV-88',
    } satisfies StoreCreditAdjustParams);

    await el.loadComplete;
    expect(rowTexts(el)[0]![1]).to.equal('Goodwill');
    expect(text(part(el, 'balance'))).to.equal('Balance $154.50');
    expect(rowTexts(el)[0]![2]).to.equal('+$25.50');
    expect(status(el)).to.equal('Store credit adjusted. New balance $154.50.');
    expect(el.shadowRoot!.querySelector('loupe-store-credit-adjust-form')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'adjust-button'));
  });

  it('shows why a debit past the balance was refused, and writes nothing', async () => {
    const fake = client(4);
    const el = await settled(await ledger(fake));
    const form = await openForm(el);
    fill(form, { kind: 'debit', amount: '500', reason: 'Redeemed' });
    submit(form);
    const error = () => form.shadowRoot!.querySelector('[part~="form-error"]');
    await until(() => text(error()), 'refusal message');
    expect(error()!.getAttribute('role')).to.equal('alert');
    expect(text(error())).to.equal(
      'Refused: this debit of $500.00 is more than the balance of $129.00.',
    );
    expect(fake.callsOf('storeCredit.adjust')[0]!.args[1]).to.deep.include({
      amount: { amount: -50000, currency: 'AUD' },
    });
    expect(parts(el, 'row')).to.have.length(4);
    expect(text(part(el, 'balance'))).to.equal('Balance $129.00');
    await expect(el).to.be.accessible();
  });

  it('closes the form with Escape and puts focus back on the adjust button', async () => {
    const el = await settled(await ledger(client(4)));
    const form = await openForm(el);
    fill(form, { amount: '25' });
    const amount = form.shadowRoot!.querySelector<HTMLInputElement>('#amount')!;
    const escapeKey = new KeyboardEvent('keydown', {
      key: 'Escape',
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    amount.dispatchEvent(escapeKey);
    await el.updateComplete;
    // Booleans: chai hangs formatting a Lit element when an element comparison fails.
    expect(Boolean(el.shadowRoot!.querySelector('loupe-store-credit-adjust-form'))).to.equal(false);
    expect(part(el, 'adjust-button')!.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement === part(el, 'adjust-button')).to.equal(true);
    expect(escapeKey.defaultPrevented).to.equal(true);

    // Escape with the form closed is left to the page (a dialog around the ledger, say).
    const later = new KeyboardEvent('keydown', {
      key: 'Escape',
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    part(el, 'adjust-button')!.dispatchEvent(later);
    expect(later.defaultPrevented).to.equal(false);
  });

  it('points at the field to fix instead of sending a bad adjustment', async () => {
    const fake = client(4);
    const el = await settled(await ledger(fake));
    const form = await openForm(el);
    fill(form, { amount: '0', reason: ' ' });
    submit(form);
    await until(() => form.shadowRoot!.querySelector('#amount-error'), 'field errors');
    const amount = form.shadowRoot!.querySelector('#amount')!;
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    expect(amount.getAttribute('aria-describedby')).to.equal('amount-error');
    expect(text(form.shadowRoot!.querySelector('#reason-error'))).to.equal(
      'Enter a reason (up to 200 characters).',
    );
    expect(form.shadowRoot!.activeElement).to.equal(amount);
    expect(fake.callsOf('storeCredit.adjust')).to.have.length(0);
  });

  it('aborts the request in flight when the customer id changes', async () => {
    const fake = client(4);
    await identityOf(fake); // known already, so only the ledger request hangs
    fake.latency = Number.POSITIVE_INFINITY;
    const el = await ledger(fake);
    const first = fake.callsOf('storeCredit.retrieve')[0]!;

    fake.latency = 0;
    el.customerId = sparseCustomer.id;
    await settled(el);
    expect(first.signal!.aborted).to.equal(true);
    expect(text(part(el, 'empty'))).to.equal('No store credit activity yet.');
  });

  it('links references through the provider’s templates with a cancelable loupe-navigate', async () => {
    const fake = client(1);
    const wrapper = await fixture<HTMLElement>(html`<loupe-provider
      .client=${fake}
      locale="en-AU"
      links='{"sale": "/pos/sales/{id}"}'
    >
      <loupe-store-credit-ledger customer-id="cus_showcase"></loupe-store-credit-ledger>
    </loupe-provider>`);
    const el = await settled(wrapper.querySelector('loupe-store-credit-ledger')!);
    const link = part<HTMLAnchorElement>(el, 'reference')!;
    expect(link.getAttribute('href')).to.equal('/pos/sales/sale_1000');

    const seen: unknown[] = [];
    wrapper.addEventListener('loupe-navigate', (event) => {
      seen.push(event.detail);
      event.preventDefault();
    });
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    link.dispatchEvent(click);
    expect(seen).to.deep.equal([{ kind: 'sale', id: 'sale_1000', href: '/pos/sales/sale_1000' }]);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('shows a customer session’s own ledger when given no id, without the adjust action', async () => {
    const fake = client(2, { sessionCustomerId: 'cus_showcase', permissions: [] });
    const el = await settled(await ledger(fake, null));
    expect(parts(el, 'row')).to.have.length(2);
    expect(part(el, 'adjust-button')).to.equal(null);
  });
});
