import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../provider/provider.js';
import './customer-search.js';
import type { Customer } from '../../client.js';
import { part, parts, text } from '../../testing/dom.js';
import { FakeLoupeClient, FakeProblem, type Permission } from '../../testing/fake-client.js';
import { makeCustomer } from '../../testing/fixtures.js';
import { maskEmail, maskPhone } from './customer-search.component.js';
import type { LoupeCustomerSearch } from './customer-search.js';

/** Two namesakes and an archived customer. */
const people: Customer[] = [
  makeCustomer({
    id: 'cus_mei1',
    first_name: 'Mei',
    last_name: 'Chen',
    email: 'mei.chen@example.com',
    mobile: '+61 412 345 678',
    address: {
      line1: null,
      line2: null,
      suburb: 'Carlton',
      state: 'VIC',
      postcode: null,
      country: 'AU',
    },
    is_vip: true,
    tags: ['VIP'],
  }),
  makeCustomer({
    id: 'cus_mei2',
    first_name: 'Mei',
    last_name: 'Chen',
    email: 'mchen@work.example',
    mobile: '0400 111 222',
    address: {
      line1: null,
      line2: null,
      suburb: 'Fitzroy',
      state: 'VIC',
      postcode: null,
      country: 'AU',
    },
  }),
  makeCustomer({
    id: 'cus_gone',
    first_name: 'Meiling',
    last_name: 'Archer',
    archived_at: '2026-01-02T00:00:00.000Z',
  }),
];

/** Only the first Mei has bought. */
const lastPurchases = { cus_mei1: '2026-03-14T02:30:00.000Z' };

function client(permissions: Permission[] = ['view_customers', 'create_customer'], latency = 0) {
  return new FakeLoupeClient({ customers: people, permissions, latency, lastPurchases });
}

async function search(fake: FakeLoupeClient, attrs = html``) {
  const el = await fixture<LoupeCustomerSearch>(
    html`<loupe-customer-search .client=${fake} locale="en-AU">${attrs}</loupe-customer-search>`,
  );
  return el;
}

const input = (el: LoupeCustomerSearch) => part<HTMLInputElement>(el, 'input')!;

function type(el: LoupeCustomerSearch, value: string) {
  const box = input(el);
  box.focus();
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function key(el: LoupeCustomerSearch, name: string) {
  input(el).dispatchEvent(
    new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }),
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types and waits for the debounced search to settle. */
async function typeAndWait(el: LoupeCustomerSearch, value: string) {
  type(el, value);
  await pause(300);
  await el.loadComplete;
}

describe('<loupe-customer-search>', () => {
  it('is a combobox that searches once typing pauses, and is accessible', async () => {
    const fake = client();
    const el = await search(fake);
    const box = input(el);
    expect(box.getAttribute('role')).to.equal('combobox');
    expect(box.getAttribute('aria-expanded')).to.equal('false');
    for (const partial of ['m', 'me', 'mei']) type(el, partial);
    await pause(300);
    await el.loadComplete;
    expect(fake.callsOf('customers.list')).to.have.length(1);
    expect(fake.callsOf('customers.list')[0]!.args[0]).to.include({ q: 'mei', limit: 8 });
    expect(box.getAttribute('aria-expanded')).to.equal('true');
    expect(parts(el, 'name').map(text)).to.deep.equal(['Mei Chen', 'Mei Chen']);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('2 customers found.');
    await expect(el).to.be.accessible();
  });

  it('tells namesakes apart: masked phone and email, suburb, last visit, VIP', async () => {
    const el = await search(client());
    await typeAndWait(el, 'mei');
    const details = parts(el, 'details').map(text);
    expect(details[0]).to.equal('••• 678 m•••@example.com Carlton Last visit 14 Mar 2026');
    expect(details[1]).to.equal('••• 222 m•••@work.example Fitzroy');
    expect(parts(el, 'last-visit')).to.have.length(1, 'no last visit for one who never bought');
    expect(part(el, 'vip')).to.exist;
    expect(el.shadowRoot!.textContent).not.to.contain('412 345');
  });

  it('aborts the search in flight when the typing goes on', async () => {
    const fake = client(undefined, 2000);
    const el = await search(fake);
    type(el, 'me');
    await pause(300);
    type(el, 'mei c');
    await pause(300);
    const [first, second] = fake.callsOf('customers.list');
    expect(first!.signal!.aborted).to.equal(true);
    expect(second!.signal!.aborted).to.equal(false);
    expect(text(part(el, 'status'))).to.equal('Searching…');
  });

  it('moves through results with the arrow keys and chooses with Enter', async () => {
    const el = await search(client());
    await typeAndWait(el, 'mei');
    key(el, 'ArrowDown');
    key(el, 'ArrowDown');
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-1');
    expect(parts(el, 'option')[1]!.getAttribute('aria-selected')).to.equal('true');
    setTimeout(() => key(el, 'Enter'));
    const event = await oneEvent(el, 'loupe-customer-select');
    expect(event.detail.customerId).to.equal('cus_mei2');
    expect(event.detail.customer!.email).to.equal('mchen@work.example');
    await el.updateComplete;
    expect(input(el).value).to.equal('Mei Chen');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('wraps from the first result to the last with ArrowUp', async () => {
    const el = await search(client(['view_customers']));
    await typeAndWait(el, 'mei');
    key(el, 'ArrowUp');
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-1');
  });

  it('closes with Escape, then clears with a second Escape', async () => {
    const el = await search(client());
    await typeAndWait(el, 'mei');
    key(el, 'Escape');
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).value).to.equal('mei');
    key(el, 'Escape');
    await el.updateComplete;
    expect(input(el).value).to.equal('');
  });

  it('follows the provider’s customer link unless the select event is cancelled', async () => {
    const fake = client();
    const page =
      await fixture<HTMLElement>(html`<loupe-provider .client=${fake} links='{"customer": "#customers/{id}"}'>
      <loupe-customer-search></loupe-customer-search>
    </loupe-provider>`);
    const el = page.querySelector('loupe-customer-search')!;
    await typeAndWait(el, 'mei');
    setTimeout(() => parts(el, 'option')[0]!.click());
    const event = await oneEvent(el, 'loupe-customer-select');
    expect(event.detail.href).to.equal('#customers/cus_mei1');
    expect(window.location.hash).to.equal('#customers/cus_mei1');
    window.location.hash = '';

    page.addEventListener('loupe-customer-select', (e) => e.preventDefault(), { once: true });
    await typeAndWait(el, 'mei');
    parts(el, 'option')[1]!.click();
    expect(window.location.hash).to.equal('');
  });

  it('finds archived customers only when asked', async () => {
    const el = await search(client());
    await typeAndWait(el, 'meiling');
    expect(parts(el, 'name')).to.have.length(0);
    expect(text(part(el, 'status'))).to.equal('No customers match “meiling”.');

    el.includeArchived = true;
    await el.updateComplete;
    await el.loadComplete;
    expect(parts(el, 'name').map(text)).to.deep.equal(['Meiling Archer']);
    expect(text(part(el, 'archived'))).to.equal('Archived 2 Jan 2026');
  });

  it('offers "New customer" only to a credential that may create, with what was typed', async () => {
    const readonly = await search(client(['view_customers']));
    await typeAndWait(readonly, 'zed');
    expect(part(readonly, 'new-customer')).to.equal(null);

    const el = await search(client());
    await typeAndWait(el, 'Zed Ng');
    expect(text(part(el, 'new-customer'))).to.equal('+ New customer “Zed Ng”');
    key(el, 'ArrowDown');
    setTimeout(() => key(el, 'Enter'));
    const event = await oneEvent(el, 'loupe-customer-create');
    expect(event.detail.query).to.equal('Zed Ng');
    await expect(el).to.be.accessible();
  });

  it('shows a failed search with a retry that searches again', async () => {
    const fake = client();
    fake.failures.set('customers.list', new FakeProblem(500, 'internal_error'));
    const el = await search(fake);
    await typeAndWait(el, 'mei');
    expect(text(part(el, 'status'))).to.contain('The search didn’t work.');
    await expect(el).to.be.accessible();
    fake.failures.delete('customers.list');
    part(el, 'retry')!.click();
    await el.loadComplete;
    expect(parts(el, 'name')).to.have.length(2);
  });

  it('tells a refused credential from an origin the tenant has not allowed', async () => {
    const fake = client();
    fake.failures.set('customers.list', new FakeProblem(403, 'forbidden'));
    const el = await search(fake);
    await typeAndWait(el, 'mei');
    expect(text(part(el, 'status'))).to.contain('You don’t have access to this.');

    const detail = "The origin https://shop.example is not in this tenant's allowed_origins.";
    fake.failures.set('customers.list', new FakeProblem(403, 'origin_not_allowed', detail));
    part(el, 'retry')!.click();
    await el.loadComplete;
    expect(text(part(el, 'status'))).to.contain(detail);
  });

  it('says it is offline, and searches again when the browser is back online', async () => {
    const fake = client();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const el = await search(fake);
      await typeAndWait(el, 'mei');
      expect(text(part(el, 'status'))).to.contain('You’re offline.');
      expect(fake.callsOf('customers.list')).to.have.length(0);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
      window.dispatchEvent(new Event('online'));
      await el.loadComplete;
      expect(parts(el, 'name')).to.have.length(2);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('searches at once for a value set by code, and not again for the name chosen', async () => {
    const fake = client();
    const el = await search(fake);
    el.value = 'mei';
    await el.updateComplete;
    await el.loadComplete;
    expect(fake.callsOf('customers.list')).to.have.length(1);
    input(el).focus();
    await el.updateComplete;
    parts(el, 'option')[0]!.click();
    await el.updateComplete;
    await pause(300);
    expect(input(el).value).to.equal('Mei Chen');
    expect(fake.callsOf('customers.list')).to.have.length(1);
  });

  it('sends nothing for an empty box', async () => {
    const fake = client();
    const el = await search(fake);
    await typeAndWait(el, '   ');
    expect(fake.callsOf('customers.list')).to.have.length(0);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('stays inside a phone-width column with long names and contacts', async () => {
    const long = makeCustomer({
      id: 'cus_long',
      first_name: 'Alexandrina Maximiliana',
      last_name: 'Featherstonehaugh-Montgomery-Wolfeschlegelsteinhausen',
      email: 'alexandrina.maximiliana.featherstonehaugh@example-jewellers.com.au',
      mobile: '0400 000 001',
    });
    const fake = new FakeLoupeClient({ customers: [long], permissions: ['create_customer'] });
    const column = await fixture<HTMLElement>(html`<div style="width: 320px">
      <loupe-customer-search .client=${fake}></loupe-customer-search>
    </div>`);
    const el = column.querySelector('loupe-customer-search')!;
    await typeAndWait(el, 'alex');
    const right = column.getBoundingClientRect().right;
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      expect(node.getBoundingClientRect().right, node.localName).to.be.at.most(right + 0.5);
    }
    // 16 px or more, so a phone doesn't zoom in when the box gets focus.
    expect(Number.parseFloat(getComputedStyle(input(el)).fontSize)).to.be.at.least(16);
  });

  it('mirrors in a right-to-left page and keeps contacts left to right', async () => {
    const page = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar">
      <loupe-customer-search .client=${client()}></loupe-customer-search>
    </div>`);
    const el = page.querySelector('loupe-customer-search')!;
    await typeAndWait(el, 'mei');
    key(el, 'ArrowDown');
    await el.updateComplete;
    const option = parts(el, 'option')[0]!;
    expect(getComputedStyle(option).borderRightWidth).to.equal('3px');
    expect(getComputedStyle(option).borderLeftWidth).to.equal('0px');
    const contact = part(el, 'details')!.querySelector('bdi')!;
    expect(contact.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('reserves its box’s height before its script has run', async () => {
    const css = await (await fetch(new URL('../../styles/reserve.css', import.meta.url))).text();
    const el = await search(client());
    const reserved = document.createElement('div');
    reserved.innerHTML = `<style>${css.replaceAll('loupe-customer-search', 'x-search-twin')}</style><x-search-twin></x-search-twin>`;
    document.body.append(reserved);
    try {
      const twin = reserved.querySelector('x-search-twin')!;
      expect(twin.getBoundingClientRect().height).to.be.closeTo(
        el.getBoundingClientRect().height,
        0.5,
      );
    } finally {
      reserved.remove();
    }
  });

  it('masks contacts to what tells people apart', () => {
    expect(maskPhone('+61 (0)412-345 678')).to.equal('••• 678');
    expect(maskPhone(null)).to.equal(null);
    expect(maskEmail('a@b.co')).to.equal('a•••@b.co');
    expect(maskEmail('no-at-sign')).to.equal(null);
  });
});
