import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './customer-history.js';
import '../provider/provider.js';
import type { LoupeCreateDetail, LoupeNavigateDetail, LoupeTabChangeDetail } from '../../events.js';
import { part, parts, text, until } from '../../testing/dom.js';
import {
  FakeLoupeClient,
  type FakeLoupeOptions,
  FakeProblem,
  type Permission,
} from '../../testing/fake-client.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from '../../testing/fixtures.js';
import {
  makeNote,
  makeRepair,
  showcaseHistory,
  withOverview,
} from '../../testing/history-fixtures.js';
import type { LoupeCustomerHistory } from './customer-history.js';
import { HISTORY_TABS, type HistoryTab } from './tabs.js';

const MANAGER: Permission[] = [
  'view_customers',
  'edit_customer',
  'view_sales',
  'create_sale',
  'create_repair',
  'create_bespoke_job',
  'manage_passports',
  'send_email',
  'adjust_store_credit',
  'create_quote',
  'create_invoice',
  'view_documents',
];

function client(options: FakeLoupeOptions = {}) {
  return new FakeLoupeClient({
    customers: [withOverview(showcaseCustomer)],
    summaries: [showcaseSummary],
    ledgers: { [showcaseCustomer.id]: ledgerRows(showcaseCustomer.id, 3) },
    permissions: MANAGER,
    ...showcaseHistory(),
    ...options,
  });
}

async function history(
  fake: FakeLoupeClient,
  tab: HistoryTab = 'overview',
  activation: 'automatic' | 'manual' = 'automatic',
) {
  const el = await fixture<LoupeCustomerHistory>(
    html`<loupe-customer-history .client=${fake} customer-id="cus_showcase" tab=${tab} activation=${activation} locale="en-AU"></loupe-customer-history>`,
  );
  await el.loadComplete;
  return el;
}

/** An Overview card's fields, label → value. */
function fields(card: HTMLElement): Record<string, string> {
  const labels = [...card.querySelectorAll('dt')].map(text);
  const values = [...card.querySelectorAll('dd')].map(text);
  return Object.fromEntries(labels.map((label, i) => [label, values[i]!]));
}

/** The element showing `tab`'s panel (its shadow root holds the rows). */
type Panel = HTMLElement & { loadComplete: Promise<void>; updateComplete: Promise<boolean> };

function panel(el: LoupeCustomerHistory, tab: HistoryTab): Panel {
  return el.shadowRoot!.querySelector(`#panel-${tab}`)!.firstElementChild as Panel;
}

const tabButton = (el: LoupeCustomerHistory, tab: HistoryTab) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${tab}`)!;

async function open(el: LoupeCustomerHistory, tab: HistoryTab) {
  tabButton(el, tab).click();
  await el.loadComplete;
  return panel(el, tab);
}

function key(el: LoupeCustomerHistory, from: HistoryTab, name: string) {
  const button = tabButton(el, from);
  button.focus();
  button.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
}

const focusedTab = (el: LoupeCustomerHistory) => el.shadowRoot!.activeElement?.id.slice(4);

describe('<loupe-customer-history>', () => {
  it('shows twelve tabs with the summary’s real counts and the Overview; accessible', async () => {
    const el = await history(client());
    const tabs = parts(el, 'tab');
    expect(tabs.map(text)).to.deep.equal([
      'Overview',
      'Repairs 3',
      'Bespoke 2',
      'Quotes 2',
      'Invoices 2',
      'Sales 4',
      'Passports 2',
      'Wishlist 3',
      'Loyalty 6',
      'Store credit 23',
      'Communications 2',
      'Notes 3',
    ]);
    expect(tabs.filter((t) => t.tabIndex === 0)).to.have.length(1);
    expect(tabButton(el, 'overview').getAttribute('aria-selected')).to.equal('true');
    const [dates, preferences, contact] = parts(el, 'card').map(fields);
    expect(dates).to.include({ Birthday: '28 March', Anniversary: '2 November' });
    expect(dates!['Spouse’s birthday']).to.equal('—');
    expect(preferences).to.include({ Metal: 'Rose gold', Prefers: 'SMS', 'Ring size': 'N½' });
    expect(contact!.Address).to.match(/^12 Lygon St\s*Carlton VIC 3053$/);
    await expect(el).to.be.accessible();
  });

  describe('the Overview’s documents card', () => {
    const documentsOf = (el: LoupeCustomerHistory) =>
      el.shadowRoot!.querySelector<Panel>('loupe-history-documents')!;

    it('lists name, kind, size and upload date, and downloads through a fresh signed link', async () => {
      const fake = client();
      const el = await history(fake);
      const docs = documentsOf(el);
      expect(documentsOf(el).getAttribute('part')).to.equal('card');
      expect(text(docs.shadowRoot!.querySelector('h3'))).to.equal('Documents');
      const rows = parts(docs, 'row').map(text);
      expect(rows).to.deep.equal([
        'insurance-valuation-2026.pdf Valuation · 179 kB · 12 Nov 2026',
        'GIA-2211843390-oval-sapphire.pdf Certificate · 1.5 MB · 3 Oct 2026',
        'drivers-licence.jpg ID document · 402 kB · 20 June 2026',
      ]);
      expect(docs.shadowRoot!.querySelector('time')!.title).to.equal('Uploaded 12 Nov 2026');
      await expect(el).to.be.accessible();

      // The link is asked for on the click (they last minutes), then followed.
      const followed: { href: string; download: string }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        followed.push({ href: this.href, download: this.download });
      };
      try {
        const first = part<HTMLButtonElement>(docs, 'link')!;
        expect(first.getAttribute('aria-label')).to.equal('Download insurance-valuation-2026.pdf');
        first.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => followed.length === 1, 'link followed');
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(fake.callsOf('documents.retrieve').map((c) => c.args[0])).to.deep.equal([
        'doc_cus_showcase_3',
      ]);
      expect(followed[0]).to.deep.equal({
        href: 'https://files.loupe.test/v1/public/documents/doc_cus_showcase_3?signature=fake',
        download: 'insurance-valuation-2026.pdf',
      });

      fake.failures.set('documents.retrieve', new FakeProblem(500, 'internal_error'));
      parts<HTMLButtonElement>(docs, 'link')[1]!.click();
      await until(() => part(docs, 'error'), 'download refusal');
      expect(text(part(docs, 'error'))).to.equal('Couldn’t get the download link. Try again.');
    });

    it('keeps its height from loading to loaded or empty, so nothing moves', async () => {
      const slow = client();
      slow.latency = Number.POSITIVE_INFINITY;
      const loading = await fixture<LoupeCustomerHistory>(
        html`<loupe-customer-history .client=${slow} customer-id="cus_showcase"></loupe-customer-history>`,
      );
      await until(() => part(documentsOf(loading), 'skeleton'), 'skeleton');
      const loaded = await history(client());
      const empty = await history(client({ documents: [] }));
      expect(text(part(documentsOf(empty), 'empty'))).to.equal('No documents yet.');
      const height = (el: LoupeCustomerHistory) => documentsOf(el).getBoundingClientRect().height;
      expect(height(loaded)).to.be.greaterThan(100);
      expect(height(loading)).to.equal(height(loaded));
      expect(height(empty)).to.equal(height(loaded));
      await expect(loading).to.be.accessible();
      await expect(empty).to.be.accessible();
    });

    it('is not shown to a credential without view_documents, and never asks', async () => {
      const fake = client({ permissions: MANAGER.filter((p) => p !== 'view_documents') });
      const el = await history(fake);
      expect(documentsOf(el)).to.equal(null);
      expect(fake.callsOf('documents.list')).to.have.length(0);
      expect(parts(el, 'card').filter((c) => c.offsetHeight > 0)).to.have.length(3);
    });

    it('says when the list failed, and loads it again on retry', async () => {
      const fake = client();
      fake.failures.set('documents.list', new FakeProblem(500, 'internal_error'));
      const el = await history(fake);
      const docs = documentsOf(el);
      expect(text(part(docs, 'error'))).to.contain('Couldn’t load this from Loupe.');
      await expect(el).to.be.accessible();
      fake.failures.delete('documents.list');
      part<HTMLButtonElement>(docs, 'retry')!.click();
      await el.loadComplete;
      expect(parts(docs, 'row')).to.have.length(3);
    });
  });

  it('counts what the server holds, not what one page loaded', async () => {
    const repairs = Array.from({ length: 25 }, (_, i) => makeRepair('cus_showcase', i + 1));
    const fake = client({
      repairs,
      summaries: [{ ...showcaseSummary, counts: { ...showcaseSummary.counts, repairs: 25 } }],
    });
    const el = await history(fake, 'repairs');
    expect(text(tabButton(el, 'repairs'))).to.equal('Repairs 25');
    const repairsPanel = panel(el, 'repairs');
    expect(parts(repairsPanel, 'row')).to.have.length(20);
    part<HTMLButtonElement>(repairsPanel, 'load-more')!.click();
    await el.loadComplete;
    expect(parts(repairsPanel, 'row')).to.have.length(25);
    expect(fake.callsOf('repairs.listByCustomer').at(-1)!.args[1]).to.deep.equal({
      limit: 20,
      cursor: '20',
    });
    expect(part(repairsPanel, 'load-more')).to.equal(null);
  });

  it('loads a tab only when it is first opened, and once', async () => {
    const fake = client();
    const el = await history(fake);
    expect(fake.callsOf('repairs.listByCustomer')).to.have.length(0);
    expect(fake.callsOf('notes.list')).to.have.length(0);
    const repairs = await open(el, 'repairs');
    expect(parts(repairs, 'row')).to.have.length(3);
    await open(el, 'overview');
    await open(el, 'repairs');
    expect(fake.callsOf('repairs.listByCustomer')).to.have.length(1);
    expect(fake.callsOf('customers.retrieve')).to.have.length(1);
  });

  it('moves between tabs with the arrow keys, Home and End, opening each (automatic)', async () => {
    const el = await history(client());
    key(el, 'overview', 'ArrowRight');
    await el.loadComplete;
    expect(el.tab).to.equal('repairs');
    expect(el.getAttribute('tab')).to.equal('repairs');
    expect(focusedTab(el)).to.equal('repairs');
    expect(tabButton(el, 'repairs').tabIndex).to.equal(0);
    expect(tabButton(el, 'overview').tabIndex).to.equal(-1);
    key(el, 'repairs', 'End');
    await el.loadComplete;
    expect(el.tab).to.equal('notes');
    key(el, 'notes', 'ArrowRight');
    await el.loadComplete;
    expect(el.tab).to.equal('overview');
    key(el, 'overview', 'ArrowLeft');
    await el.loadComplete;
    expect(el.tab).to.equal('notes');
    key(el, 'notes', 'Home');
    await el.loadComplete;
    expect(el.tab).to.equal('overview');
  });

  it('mirrors the arrow keys right to left', async () => {
    const el = await history(client());
    el.setAttribute('dir', 'rtl');
    key(el, 'overview', 'ArrowLeft');
    await el.loadComplete;
    expect(el.tab).to.equal('repairs');
  });

  it('with activation="manual", arrows move focus and Enter opens the tab', async () => {
    const fake = client();
    const el = await history(fake, 'overview', 'manual');
    key(el, 'overview', 'ArrowRight');
    await el.updateComplete;
    expect(focusedTab(el)).to.equal('repairs');
    expect(el.tab).to.equal('overview');
    expect(tabButton(el, 'repairs').tabIndex).to.equal(0);
    expect(tabButton(el, 'overview').tabIndex).to.equal(-1);
    expect(fake.callsOf('repairs.listByCustomer')).to.have.length(0);
    // A button's Enter is its click.
    tabButton(el, 'repairs').click();
    await el.loadComplete;
    expect(el.tab).to.equal('repairs');
    expect(fake.callsOf('repairs.listByCustomer')).to.have.length(1);
  });

  it('fires a cancelable loupe-tab-change on a person’s choice, never on a property set', async () => {
    const el = await history(client());
    const seen: LoupeTabChangeDetail[] = [];
    el.addEventListener('loupe-tab-change', (event) => {
      seen.push(event.detail);
      if (event.detail.tab === 'notes') event.preventDefault();
    });
    el.tab = 'sales';
    await el.loadComplete;
    expect(seen).to.deep.equal([]);
    tabButton(el, 'repairs').click();
    await el.loadComplete;
    expect(seen).to.deep.equal([{ tab: 'repairs', previousTab: 'sales' }]);
    tabButton(el, 'notes').click();
    await el.loadComplete;
    expect(el.tab).to.equal('repairs');
    expect(seen.at(-1)).to.deep.equal({ tab: 'notes', previousTab: 'repairs' });
  });

  it('shows a row’s stage, due date and an overdue warning in words', async () => {
    const el = await history(client(), 'repairs');
    const rows = parts(panel(el, 'repairs'), 'row').map(text);
    expect(rows[0]).to.contain('Engagement ring: re-tip four claws').and.contain('Ready');
    expect(rows[1]).to.contain('Overdue: was due 14 Nov 2026').and.contain('In workshop');
    expect(rows[2]).to.contain('Collected').and.not.contain('Due');
    await expect(el).to.be.accessible();
  });

  it('leads rows through the provider’s link templates, or a cancelable loupe-navigate', async () => {
    const fake = client();
    const page = await fixture<HTMLElement>(html`<loupe-provider
      .client=${fake}
      links='{"repair": "/repairs/{id}", "repair-new": "/repairs/new?customer={id}"}'
    >
      <loupe-customer-history customer-id="cus_showcase" tab="repairs"></loupe-customer-history>
    </loupe-provider>`);
    const el = page.querySelector('loupe-customer-history')!;
    await el.loadComplete;
    const repairs = panel(el, 'repairs');
    const link = part<HTMLAnchorElement>(repairs, 'link')!;
    expect(link.getAttribute('href')).to.equal('/repairs/rep_cus_showcase_1');
    const create = part<HTMLAnchorElement>(repairs, 'new')!;
    expect(create.getAttribute('href')).to.equal('/repairs/new?customer=cus_showcase');

    el.addEventListener('loupe-navigate', (event) => event.preventDefault(), { once: true });
    const navigated = oneEvent(el, 'loupe-navigate');
    link.click();
    const event = (await navigated) as CustomEvent<LoupeNavigateDetail>;
    expect(event.detail).to.deep.equal({
      kind: 'repair',
      id: 'rep_cus_showcase_1',
      href: '/repairs/rep_cus_showcase_1',
    });
    expect(location.pathname).not.to.equal('/repairs/rep_cus_showcase_1');

    // Without a template the row is a button, and the event is the only way it leads.
    const bespoke = await open(el, 'bespoke');
    const button = part(bespoke, 'link')!;
    expect(button.localName).to.equal('button');
    const next = oneEvent(el, 'loupe-navigate');
    button.click();
    expect(((await next) as CustomEvent<LoupeNavigateDetail>).detail).to.deep.equal({
      kind: 'bespoke_job',
      id: 'bsp_cus_showcase_1',
      href: null,
    });
  });

  it('offers "+ New" only to credentials allowed to create the record, as loupe-create', async () => {
    const el = await history(client(), 'bespoke');
    const create = part(panel(el, 'bespoke'), 'new')!;
    expect(text(create)).to.equal('+ New bespoke job');
    const created = oneEvent(el, 'loupe-create');
    create.click();
    expect(((await created) as CustomEvent<LoupeCreateDetail>).detail).to.deep.equal({
      kind: 'bespoke_job',
      customerId: 'cus_showcase',
      href: null,
    });

    const readonly = await history(client({ permissions: ['view_customers', 'view_sales'] }));
    // Every tab of records; Loyalty and Store credit offer no "+ New", Notes writes in place.
    const listed = HISTORY_TABS.filter(
      (t) => !['overview', 'loyalty', 'store-credit', 'notes'].includes(t),
    );
    for (const tab of listed) {
      const shown = await open(readonly, tab);
      expect(part(shown, 'row'), tab).not.to.equal(null);
      expect(part(shown, 'new'), tab).to.equal(null);
    }
    expect(part(await open(readonly, 'notes'), 'note-form')).to.equal(null);
    expect(part(panel(readonly, 'wishlist'), 'notify')).to.equal(null);
    expect(part(panel(readonly, 'wishlist'), 'remove')).to.equal(null);
    expect(text(part(panel(readonly, 'notes'), 'note'))).not.to.contain('Edit');
  });

  it('shows a layby’s pill and balance, links a return to its sale, opens a receipt', async () => {
    const fake = client();
    const el = await history(fake, 'sales');
    const sales = panel(el, 'sales');
    const [layby, refund] = parts(sales, 'row');
    expect(text(layby)).to.contain('Layby #1004').and.contain('$2,860.00 to pay');
    expect(part(sales, 'layby')).not.to.equal(null);
    expect(getComputedStyle(part(sales, 'balance-due')!).color).to.equal('rgb(138, 75, 0)');
    expect(text(refund)).to.contain('Return of Sale #1002');
    const toggle = parts(sales, 'row')[2]!.querySelector<HTMLButtonElement>('.receipt-toggle')!;
    toggle.click();
    await until(() => text(part(sales, 'receipt')).includes('Sterling silver chain 2'), 'receipt');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(text(part(sales, 'receipt'))).to.contain('Card');
    await expect(el).to.be.accessible();
  });

  it('shows quotes with their expiry and status, invoices with the balance due in red', async () => {
    const el = await history(client(), 'quotes');
    const [current, expired] = parts(panel(el, 'quotes'), 'row').map(text);
    expect(current).to.contain('Oval sapphire engagement ring').and.contain('Expires 20 Dec 2026');
    expect(current).to.contain('Sent').and.contain('$1,820.00');
    expect(expired).to.contain('Expired 1 Oct 2026').and.contain('Expired');
    const invoices = await open(el, 'invoices');
    const [owing, paid] = parts(invoices, 'row');
    expect(text(owing))
      .to.contain('IN-1042')
      .and.contain('Balance due $3,800.00')
      .and.contain('Part paid');
    expect(getComputedStyle(part(invoices, 'balance-due')!).color).to.equal('rgb(164, 22, 26)');
    expect(text(paid)).to.contain('Paid').and.not.contain('Balance due');
    await expect(el).to.be.accessible();
  });

  it('shows loyalty points, the tier, the way to the next and the points history', async () => {
    const el = await history(client(), 'loyalty');
    const loyalty = panel(el, 'loyalty');
    expect(text(part(loyalty, 'card')))
      .to.contain('1,840 pts · Gold')
      .and.contain('1,160 points to Platinum');
    const bar = loyalty.shadowRoot!.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('23');
    expect(text(loyalty.shadowRoot!.querySelector('[aria-current="true"]'))).to.contain('Gold');
    const rows = parts(loyalty, 'row');
    expect(rows).to.have.length(6);
    expect(text(rows[1])).to.contain('Redeemed').and.contain('-200 pts');
    expect(rows[1]!.querySelector('.debit')).not.to.equal(null);
    expect(text(rows[0])).to.contain('+').and.contain('Balance');
    await expect(el).to.be.accessible();
  });

  describe('Adjust points on the Loyalty tab', () => {
    const adjuster = () => client({ permissions: [...MANAGER, 'adjust_loyalty'] });
    const dialogOf = (loyalty: Panel) => part<HTMLDialogElement>(loyalty, 'adjust-dialog')!;
    const input = (loyalty: Panel, name: string) =>
      dialogOf(loyalty).querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    async function fill(loyalty: Panel, points: string, reason: string) {
      input(loyalty, 'points').focus();
      input(loyalty, 'points').value = '';
      await sendKeys({ type: points });
      input(loyalty, 'reason').value = '';
      input(loyalty, 'reason').focus();
      if (reason) await sendKeys({ type: reason });
      await sendKeys({ press: 'Enter' });
    }

    it('is offered only with adjust_loyalty', async () => {
      const without = await history(client(), 'loyalty');
      expect(part(panel(without, 'loyalty'), 'adjust')).to.equal(null);
      expect(part(panel(without, 'loyalty'), 'adjust-dialog')).to.equal(null);
      const el = await history(adjuster(), 'loyalty');
      expect(text(part(panel(el, 'loyalty'), 'adjust'))).to.equal('+ Adjust points');
    });

    it('adds points from the keyboard, then shows the new balance, row and count', async () => {
      const fake = adjuster();
      const el = await history(fake, 'loyalty');
      const loyalty = panel(el, 'loyalty');
      const button = part<HTMLButtonElement>(loyalty, 'adjust')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => dialogOf(loyalty).open, 'dialog open');
      expect(loyalty.shadowRoot!.activeElement).to.equal(input(loyalty, 'points'));
      await expect(el).to.be.accessible();

      // Nothing typed: both fields say what they need, and nothing is sent.
      await sendKeys({ press: 'Enter' });
      await until(() => input(loyalty, 'points').getAttribute('aria-invalid') === 'true', 'error');
      expect(text(dialogOf(loyalty))).to.contain('Enter whole points other than 0');
      expect(text(dialogOf(loyalty))).to.contain('Give a reason');
      expect(fake.callsOf('loyalty.adjust')).to.have.length(0);
      await expect(el).to.be.accessible();

      await fill(loyalty, '250', 'Goodwill: resize ran late');
      await until(() => !dialogOf(loyalty).open, 'dialog closed');
      await el.loadComplete;
      await loyalty.loadComplete;
      const [call] = fake.callsOf('loyalty.adjust');
      expect(call!.args.slice(0, 2)).to.deep.equal([
        'cus_showcase',
        { points: 250, reason: 'Goodwill: resize ran late' },
      ]);
      expect(call!.args[2]).to.be.a('string').and.not.equal('');
      await until(() => text(part(loyalty, 'card')).includes('2,090 pts · Gold'), 'new balance');
      expect(text(parts(loyalty, 'row')[0]))
        .to.contain('Goodwill: resize ran late')
        .and.contain('+250 pts');
      await until(() => text(tabButton(el, 'loyalty')) === 'Loyalty 7', 'count badge');
      expect(loyalty.shadowRoot!.activeElement).to.equal(part(loyalty, 'adjust'));
      expect(text(loyalty.shadowRoot!.querySelector('[role="status"]:last-of-type'))).to.contain(
        'The balance is 2,090',
      );
    });

    it('shows a take-away past the balance on the points field, and keeps one key per try', async () => {
      const fake = adjuster();
      const el = await history(fake, 'loyalty');
      const loyalty = panel(el, 'loyalty');
      part<HTMLButtonElement>(loyalty, 'adjust')!.click();
      await until(() => dialogOf(loyalty).open, 'dialog open');
      await fill(loyalty, '-5000', 'Expired points');
      await until(
        () => input(loyalty, 'points').getAttribute('aria-invalid') === 'true',
        'refusal',
      );
      const error = loyalty.shadowRoot!.getElementById('adjust-points-error')!;
      expect(text(error)).to.equal('Can’t take away 5,000 points: the balance is 1,840.');
      expect(input(loyalty, 'points').getAttribute('aria-describedby')).to.contain(
        'adjust-points-error',
      );
      expect(dialogOf(loyalty).open).to.equal(true);
      await expect(el).to.be.accessible();

      // A failure with no answer: the same adjustment again goes with the same key.
      fake.failures.set('loyalty.adjust', new FakeProblem(503, 'unavailable', 'Try again.'));
      await fill(loyalty, '-40', 'Expired points');
      await until(() => fake.callsOf('loyalty.adjust').length === 2, 'first try');
      await until(() => text(dialogOf(loyalty)).includes('Try again.'), 'form error');
      fake.failures.delete('loyalty.adjust');
      await fill(loyalty, '-40', 'Expired points');
      await until(() => !dialogOf(loyalty).open, 'saved');
      const keys = fake.callsOf('loyalty.adjust').map((c) => c.args[2]);
      expect(keys[2]).to.equal(keys[1]);
      expect(keys[1]).not.to.equal(keys[0]);
    });

    it('shows a server validation problem on its field, and closes with Escape', async () => {
      const fake = adjuster();
      fake.failures.set(
        'loyalty.adjust',
        new FakeProblem(422, 'validation_failed', 'The request failed validation.', undefined, {
          errors: [{ path: 'reason', message: 'must be at most 200 characters' }],
        }),
      );
      const el = await history(fake, 'loyalty');
      const loyalty = panel(el, 'loyalty');
      const button = part<HTMLButtonElement>(loyalty, 'adjust')!;
      button.click();
      await until(() => dialogOf(loyalty).open, 'dialog open');
      await fill(loyalty, '10', 'Too long, says the server');
      await until(() => input(loyalty, 'reason').getAttribute('aria-invalid') === 'true', 'field');
      expect(text(loyalty.shadowRoot!.getElementById('adjust-reason-error'))).to.equal(
        'must be at most 200 characters',
      );
      await sendKeys({ press: 'Escape' });
      await until(() => !dialogOf(loyalty).open, 'closed');
      expect(loyalty.shadowRoot!.activeElement).to.equal(button);
      expect(input(loyalty, 'reason').value).to.equal('');
      expect(input(loyalty, 'reason').getAttribute('aria-invalid')).to.equal('false');
    });
  });

  it('notifies a wishlist customer once, never of a piece out of stock, and removes after a confirm', async () => {
    const fake = client();
    const el = await history(fake, 'wishlist');
    const wishlist = panel(el, 'wishlist');
    const [told, outOfStock, waiting] = parts(wishlist, 'row');
    const notifyOf = (row: Element | undefined) =>
      row!.querySelector<HTMLButtonElement>('[part~="notify"]')!;
    expect(notifyOf(told).disabled).to.equal(true);
    expect(text(notifyOf(told))).to.equal('Notified 2 Nov 2026');
    // Out of stock: Notify can't be pressed, and says why.
    const unavailable = notifyOf(outOfStock);
    expect(unavailable.disabled).to.equal(true);
    expect(text(unavailable)).to.equal('Notify customer');
    const reason = wishlist.shadowRoot!.getElementById(
      unavailable.getAttribute('aria-describedby')!,
    );
    expect(text(reason)).to.equal('Not in stock');
    expect(text(outOfStock)).to.contain('$910.00');
    expect(notifyOf(waiting).disabled).to.equal(false);
    expect(notifyOf(waiting).hasAttribute('aria-describedby')).to.equal(false);
    notifyOf(waiting).click();
    await until(() => fake.callsOf('wishlist.list').length === 2, 'reload after notify');
    await wishlist.loadComplete;
    expect(fake.callsOf('wishlist.notify')).to.have.length(1);
    expect(fake.callsOf('wishlist.notify')[0]!.args.slice(0, 2)).to.deep.equal([
      'cus_showcase',
      'wsh_cus_showcase_3',
    ]);
    const notifiedNow = notifyOf(parts(wishlist, 'row')[2]);
    expect(notifiedNow.disabled).to.equal(true);
    expect(text(notifiedNow)).to.match(/^Notified /);

    parts(wishlist, 'row')[0]!.querySelector<HTMLButtonElement>('[part~="remove"]')!.click();
    await wishlist.updateComplete;
    expect(fake.callsOf('wishlist.remove')).to.have.length(0);
    const confirm = parts(wishlist, 'row')[0]!;
    expect(text(confirm)).to.contain('Remove Tahitian pearl drop earrings, 18ct white gold?');
    [...confirm.querySelectorAll('button')].find((b) => text(b) === 'Remove')!.click();
    await until(() => fake.callsOf('wishlist.remove').length === 1, 'removed');
    await wishlist.loadComplete;
    expect(parts(wishlist, 'row')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('says why a Notify was refused', async () => {
    const fake = client();
    fake.failures.set(
      'wishlist.notify',
      new FakeProblem(409, 'email_consent_withdrawn', 'Consent withdrawn.'),
    );
    const el = await history(fake, 'wishlist');
    const wishlist = panel(el, 'wishlist');
    parts(wishlist, 'row')[2]!.querySelector<HTMLButtonElement>('[part~="notify"]')!.click();
    await until(() => part(wishlist, 'error'), 'refusal');
    expect(text(part(wishlist, 'error'))).to.equal('This customer has withdrawn consent to email.');
  });

  it('says so instead of asking when the credential may not see sales', async () => {
    const fake = client({ permissions: ['view_customers'] });
    const el = await history(fake, 'sales');
    expect(text(part(panel(el, 'sales'), 'empty'))).to.equal('You don’t have access to this.');
    expect(fake.callsOf('customers.purchases')).to.have.length(0);
  });

  it('opens a message’s full body in a dialog', async () => {
    const el = await history(client(), 'communications');
    const comms = panel(el, 'communications');
    const [ready, bounced] = parts(comms, 'row').map(text);
    expect(ready)
      .to.contain('Your engagement ring is ready to collect')
      .and.contain('Repair ready');
    expect(bounced).to.contain('Bounced');
    part<HTMLButtonElement>(comms, 'link')!.click();
    await until(() => part<HTMLDialogElement>(comms, 'dialog')?.open, 'dialog open');
    expect(text(part(comms, 'dialog'))).to.contain('Thank you for visiting us. Message 1.');
    await expect(el).to.be.accessible();
  });

  it('adds, edits, pins and deletes notes, and names who may change another’s', async () => {
    const fake = client();
    const el = await history(fake, 'notes');
    const notes = panel(el, 'notes');
    expect(parts(notes, 'note').map((n) => text(n.querySelector('.body')))[0]).to.contain(
      'Prefers Saturday',
    );
    await expect(el).to.be.accessible();

    const form = part<HTMLFormElement>(notes, 'note-form')!;
    form.querySelector('textarea')!.value = 'Called about the brooch.';
    form.requestSubmit();
    await until(() => fake.callsOf('notes.list').length === 2, 'reload after add');
    await notes.loadComplete;
    // The badge is the server's count again, not one more than it was.
    expect(fake.callsOf('customers.summary')).to.have.length(2);
    expect(parts(notes, 'note').map((n) => text(n.querySelector('.body')))).to.include(
      'Called about the brooch.',
    );

    const mine = parts(notes, 'note').find((n) => text(n).includes('Called about the brooch.'))!;
    const buttons = () => [...mine.querySelectorAll('button')];
    buttons()
      .find((b) => text(b) === 'Pin')!
      .click();
    await until(() => fake.callsOf('notes.update').length === 1, 'pinned');
    expect(fake.callsOf('notes.update')[0]!.args[1]).to.deep.equal({ pinned: true });
    await notes.loadComplete;

    const pinnedNow = parts(notes, 'note').find((n) =>
      text(n).includes('Called about the brooch.'),
    )!;
    [...pinnedNow.querySelectorAll('button')].find((b) => text(b) === 'Delete')!.click();
    await notes.updateComplete;
    expect(text(pinnedNow)).to.contain('Delete this note?');
    [...pinnedNow.querySelectorAll('button')].find((b) => text(b) === 'Delete')!.click();
    await until(() => fake.callsOf('notes.delete').length === 1, 'deleted');
    await notes.loadComplete;
    expect(text(notes.shadowRoot!)).not.to.contain('Called about the brooch.');

    // Someone else's note: a staff member is offered nothing to change on it (the server
    // would refuse), while their own notes keep Edit, Pin and Delete.
    const actions = (n: Element) => [...n.querySelectorAll('button')].map(text);
    const managers = parts(notes, 'note').find((n) => text(n).includes('Priya'))!;
    expect(actions(managers)).to.deep.equal([]);
  });

  it('offers Edit and Delete only on the caller’s own notes, or on every note to a manager', async () => {
    const own = makeNote('cus_showcase', 4, {
      body: 'Written by this staff member.',
      author: { kind: 'session', id: 'ses_earlier', name: 'Fake staff' },
    });
    const byKey = makeNote('cus_showcase', 5, {
      body: 'Written by the till.',
      author: { kind: 'secret', id: 'key_till', name: 'Fake staff' },
    });
    const notes = [...showcaseHistory().notes!, own, byKey];
    const withActions = async (fake: FakeLoupeClient) => {
      const el = await history(fake, 'notes');
      return parts(panel(el, 'notes'), 'note')
        .filter((n) => [...n.querySelectorAll('button')].some((b) => text(b) === 'Edit'))
        .map((n) => text(n.querySelector('.body')));
    };
    // A staff session: only the notes with its staff name (from any session), not a key's.
    expect(await withActions(client({ notes }))).to.deep.equal(['Written by this staff member.']);
    // A manager: every note, as the server allows.
    expect(await withActions(client({ notes, role: 'manager' }))).to.have.length(5);
    // Without edit_customer: none.
    expect(await withActions(client({ notes, permissions: ['view_customers'] }))).to.deep.equal([]);
    const el = await history(client({ notes }), 'notes');
    await expect(el).to.be.accessible();
  });

  it('still says why when the server refuses a change the page offered', async () => {
    const fake = client({ role: 'manager' });
    fake.failures.set(
      'notes.update',
      new FakeProblem(403, 'not_note_author', 'Only the author or a manager may change it.'),
    );
    const el = await history(fake, 'notes');
    const notes = panel(el, 'notes');
    const note = parts(notes, 'note').find((n) => text(n).includes('Priya'))!;
    [...note.querySelectorAll('button')].find((b) => text(b) === 'Edit')!.click();
    await notes.updateComplete;
    const edit = note.querySelector('form')!;
    edit.querySelector('textarea')!.value = 'Changed';
    edit.requestSubmit();
    await until(() => text(note).includes('Only the note’s author or a manager'), 'refusal');
  });

  it('shows each tab’s empty state, and its error with a retry that loads again', async () => {
    const empty = await history(
      client({ repairs: [], communications: [], notes: [], passports: [], quotes: [] }),
      'repairs',
    );
    expect(text(part(panel(empty, 'repairs'), 'empty'))).to.equal('No repairs yet.');
    expect(text(part(await open(empty, 'passports'), 'empty'))).to.contain('No passports');
    expect(text(part(await open(empty, 'quotes'), 'empty'))).to.equal('No quotes yet.');
    const bare = await history(client());
    delete (bare.client as { quotes?: unknown }).quotes;
    expect(text(part(await open(bare, 'quotes'), 'empty'))).to.contain('doesn’t keep');

    const fake = client();
    fake.failures.set('communications.list', new FakeProblem(500, 'internal_error'));
    const el = await history(fake, 'communications');
    const comms = panel(el, 'communications');
    expect(text(part(comms, 'error'))).to.contain('Couldn’t load this from Loupe.');
    await expect(el).to.be.accessible();
    fake.failures.delete('communications.list');
    part<HTMLButtonElement>(comms, 'retry')!.click();
    await el.loadComplete;
    expect(parts(comms, 'row')).to.have.length(2);
  });

  it('is accessible in every tab, loaded, loading and empty', async () => {
    const loaded = await history(client());
    const empty = await history(
      client({
        repairs: [],
        bespokeJobs: [],
        sales: [],
        passports: [],
        communications: [],
        notes: [],
      }),
    );
    const slow = client();
    slow.latency = Number.POSITIVE_INFINITY;
    const loading = await fixture<LoupeCustomerHistory>(
      html`<loupe-customer-history .client=${slow} customer-id="cus_showcase"></loupe-customer-history>`,
    );
    for (const tab of HISTORY_TABS) {
      for (const el of [loaded, empty]) await open(el, tab);
      tabButton(loading, tab).click();
      await until(() => panel(loading, tab)?.shadowRoot || tab === 'overview', `${tab} loading`);
      for (const el of [loaded, empty, loading]) await expect(el, tab).to.be.accessible();
    }
  });

  it('shows the store-credit ledger in its tab', async () => {
    const el = await history(client(), 'store-credit');
    const ledger = panel(el, 'store-credit');
    expect(ledger.localName).to.equal('loupe-store-credit-ledger');
    expect(parts(ledger, 'row')).to.have.length(3);
  });

  it('loads again for another customer, only the tab on screen', async () => {
    const other = { ...showcaseCustomer, id: 'cus_other', first_name: 'Ana' };
    const fake = client();
    (fake as unknown as { customerMap: Map<string, unknown> }).customerMap.set(other.id, other);
    const el = await history(fake, 'repairs');
    await open(el, 'notes');
    el.customerId = 'cus_other';
    await el.loadComplete;
    expect(text(part(panel(el, 'notes'), 'empty'))).to.equal('No notes yet.');
    expect(fake.callsOf('repairs.listByCustomer').map((c) => c.args[0])).to.deep.equal([
      'cus_showcase',
    ]);
  });

  it('keeps the tab list within a phone-width column, scrolling and operable', async () => {
    // A grid column, as pages lay cards out: a track sizes to its items' widths.
    const page = await fixture<HTMLElement>(html`<div style="display: grid; width: 326px">
      <loupe-customer-history .client=${client()} customer-id="cus_showcase" locale="en-AU"></loupe-customer-history>
    </div>`);
    const el = page.querySelector('loupe-customer-history')!;
    await el.loadComplete;
    const list = part(el, 'tabs')!;
    expect(el.getBoundingClientRect().width).to.equal(326);
    expect(list.scrollWidth).to.be.greaterThan(list.clientWidth);
    el.tab = 'sales';
    await el.loadComplete;
    const sales = tabButton(el, 'sales').getBoundingClientRect();
    expect(sales.left, 'a tab set by code is scrolled into sight').to.be.at.least(
      list.getBoundingClientRect().left,
    );
    expect(sales.right).to.be.at.most(list.getBoundingClientRect().right);
    key(el, 'sales', 'End');
    await el.loadComplete;
    const notes = tabButton(el, 'notes').getBoundingClientRect();
    const box = list.getBoundingClientRect();
    expect(notes.right).to.be.at.most(box.right + 1);
    expect(notes.left).to.be.at.least(box.left - 1);
  });
});
