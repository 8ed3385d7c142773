import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import type { Customer } from '../../client.js';
import { part, parts, text, until } from '../../testing/dom.js';
import { FakeLoupeClient, FakeProblem, type Permission } from '../../testing/fake-client.js';
import { makeCustomer, showcaseCustomer } from '../../testing/fixtures.js';
import type { LoupeCustomerForm } from './customer-form.component.js';
import { defined } from './customer-form.js';
import { RING_SIZES } from './ring-sizes.js';

const STAFF: Permission[] = ['view_customers', 'create_customer', 'edit_customer'];
const MANAGER: Permission[] = [...STAFF, 'archive_customer'];

const existing: Customer = makeCustomer({
  id: 'cus_existing',
  first_name: 'Ana',
  last_name: 'Lima',
  email: 'ana@example.com',
  ring_size: 'L',
  birthday: '--07-14',
  marketing_consent: {
    email: { granted: true, at: '2026-03-03T01:00:00.000Z', by: 'Sam' },
    sms: null,
  },
});

/** A customer with one address, the default. */
const housed: Customer = makeCustomer({
  id: 'cus_housed',
  first_name: 'Rosa',
  last_name: 'Marsh',
  address: {
    line1: '3 Home St',
    line2: null,
    suburb: 'Carlton',
    state: 'VIC',
    postcode: '3053',
    country: 'AU',
  },
  addresses: [
    {
      id: 'adr_home',
      kind: 'home',
      label: null,
      line1: '3 Home St',
      line2: null,
      suburb: 'Carlton',
      state: 'VIC',
      postcode: '3053',
      country: 'AU',
      is_default: true,
    },
  ],
});

/** A customer known to the shop's Shopify and POS. */
const linked: Customer = makeCustomer({
  id: 'cus_linked',
  first_name: 'Maud',
  last_name: 'Okafor',
  external_ids: { shopify: '7421904381', pos: 'C-1042', lightspeed: 'LS-77' },
});

function client(permissions: Permission[] = STAFF) {
  return new FakeLoupeClient({
    customers: [existing, showcaseCustomer, housed, linked],
    permissions,
  });
}

async function form(fake: FakeLoupeClient, id?: string) {
  await defined;
  const el = await fixture<LoupeCustomerForm>(
    html`<loupe-customer-form .client=${fake} customer-id=${id ?? nothing} locale="en-AU"></loupe-customer-form>`,
  );
  await el.loadComplete;
  return el;
}

const control = <T extends HTMLElement = HTMLInputElement>(el: LoupeCustomerForm, name: string) =>
  el.shadowRoot!.getElementById(name) as T;

/** Types into a control (or picks an option) as a person would: value, then an input event. */
function fill(el: LoupeCustomerForm, name: string, value: string) {
  const box = control(el, name);
  (box as HTMLInputElement).value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function submit(el: LoupeCustomerForm) {
  part(el, 'submit')!.click();
  await el.updateComplete;
  await until(() => !part<HTMLButtonElement>(el, 'submit')!.disabled, 'the save to finish');
  await el.updateComplete;
}

describe('<loupe-customer-form>', () => {
  it('shows the seven sections of a new customer, the tenant’s country and its states; accessible', async () => {
    const el = await form(client());
    expect(text(part(el, 'title'))).to.equal('New customer');
    expect(parts(el, 'card').map((card) => text(card.querySelector('h3')))).to.deep.equal([
      'Personal details',
      'Address',
      'Jewellery preferences',
      'Important dates',
      'Tags',
      'Marketing consent',
      'Other systems',
    ]);
    expect(control<HTMLSelectElement>(el, 'address.country').value).to.equal('AU');
    expect(control(el, 'address.state').localName).to.equal('select');
    fill(el, 'address.country', 'FR');
    await el.updateComplete;
    expect(control(el, 'address.state').localName).to.equal('input');
    await expect(el).to.be.accessible();
  });

  it('offers the A–Z half-size ladder with US and EU sizes', async () => {
    const el = await form(client());
    const options = [...control<HTMLSelectElement>(el, 'ring_size').options].map((o) => o.text);
    expect(options[0]).to.equal('Not set');
    expect(options).to.include('N½ (US 7, EU 55)');
    expect(options.at(-1)).to.equal('Z (US 12.75, EU 69)');
    expect(RING_SIZES).to.have.length(51);
  });

  it('creates a customer from what was typed: a year-less birthday, allergy chips, VIP', async () => {
    const fake = client();
    const el = await form(fake);
    fill(el, 'first_name', 'Zara');
    fill(el, 'email', 'zara@example.com');
    fill(el, 'ring_size', 'N½');
    fill(el, 'birthday.day', '28');
    fill(el, 'birthday.month', '03');
    const allergy = control(el, 'allergies-new');
    allergy.value = 'Nickel';
    allergy.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    parts(el, 'tag')[0]!.click();
    el.shadowRoot!.querySelector<HTMLInputElement>('[name="marketing_consent.sms"]')!.click();
    await el.updateComplete;
    expect(parts(el, 'tag')[0]!.getAttribute('aria-pressed')).to.equal('true');
    setTimeout(() => part(el, 'submit')!.click());
    const saved = await oneEvent(el, 'loupe-customer-saved');
    expect(saved.detail.created).to.equal(true);
    expect(fake.callsOf('customers.create')[0]!.args[0]).to.deep.equal({
      first_name: 'Zara',
      email: 'zara@example.com',
      ring_size: 'N½',
      birthday: '--03-28',
      allergies: ['Nickel'],
      tags: ['VIP'],
      is_vip: true,
      marketing_consent: { sms: { granted: true } },
    });
    expect(saved.detail.customer.is_vip).to.equal(true);
  });

  it('puts each server error on its field, focuses the first and keeps every typed value', async () => {
    const fake = client();
    fake.failures.set(
      'customers.create',
      new FakeProblem(422, 'validation_failed', 'Invalid', undefined, {
        errors: [
          { path: 'mobile', message: 'must be a phone number (digits, spaces, + ( ) . -)' },
          { path: 'address.postcode', message: 'must be at most 20 characters' },
        ],
      }),
    );
    const el = await form(fake);
    fill(el, 'first_name', 'Zara');
    fill(el, 'mobile', 'call me');
    fill(el, 'address.postcode', 'x'.repeat(25));
    await submit(el);
    expect(text(el.shadowRoot!.getElementById('mobile-error'))).to.contain(
      'must be a phone number',
    );
    expect(text(el.shadowRoot!.getElementById('address.postcode-error'))).to.contain('at most 20');
    expect(control(el, 'mobile').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('mobile');
    expect(control(el, 'first_name').value).to.equal('Zara');
    expect(control(el, 'mobile').value).to.equal('call me');
    expect(text(part(el, 'form-error'))).to.equal('2 fields need attention.');
    await expect(el).to.be.accessible();
  });

  it('checks a half-entered date and a missing name before sending', async () => {
    const fake = client();
    const el = await form(fake);
    fill(el, 'anniversary.day', '02');
    await submit(el);
    expect(fake.callsOf('customers.create')).to.have.length(0);
    expect(text(el.shadowRoot!.getElementById('first_name-error'))).to.equal(
      'Enter a first or last name.',
    );
    expect(text(el.shadowRoot!.getElementById('anniversary.day-error'))).to.contain(
      'day and a month',
    );
  });

  it('says a duplicate email exists and opens the existing customer', async () => {
    const fake = client();
    const el = await form(fake);
    fill(el, 'first_name', 'Ana');
    fill(el, 'email', 'ANA@example.com ');
    await submit(el);
    expect(text(el.shadowRoot!.getElementById('email-error'))).to.equal(
      'A customer with this email already exists.',
    );
    expect(control(el, 'email').value).to.equal('ANA@example.com');
    setTimeout(() => part(el, 'view-existing')!.click());
    const select = await oneEvent(el, 'loupe-customer-select');
    expect(select.detail.customerId).to.equal('cus_existing');
    await expect(el).to.be.accessible();
  });

  it('edits the ids in other systems, sending only the system changed or cleared', async () => {
    const fake = client();
    const el = await form(fake, 'cus_linked');
    const labels = [...el.shadowRoot!.querySelectorAll('#card-systems ~ .grid label')].map(text);
    expect(labels).to.deep.equal(['POS customer number', 'Shopify customer ID', 'lightspeed ID']);
    expect(control(el, 'external_ids.shopify').value).to.equal('7421904381');
    fill(el, 'external_ids.pos', 'C-2001');
    fill(el, 'external_ids.lightspeed', '');
    setTimeout(() => part(el, 'submit')!.click());
    const saved = await oneEvent(el, 'loupe-customer-saved');
    expect(fake.callsOf('customers.update')[0]!.args[1]).to.deep.equal({
      external_ids: { pos: 'C-2001', lightspeed: null },
    });
    expect(saved.detail.customer.external_ids).to.deep.equal({
      shopify: '7421904381',
      pos: 'C-2001',
    });
    await expect(el).to.be.accessible();
  });

  it('says another customer holds an id, on its field, and opens that customer', async () => {
    const fake = client();
    const el = await form(fake);
    fill(el, 'first_name', 'Ines');
    fill(el, 'external_ids.shopify', '7421904381');
    await submit(el);
    expect(fake.callsOf('customers.create')[0]!.args[0]).to.deep.equal({
      first_name: 'Ines',
      external_ids: { shopify: '7421904381' },
    });
    expect(text(el.shadowRoot!.getElementById('external_ids.shopify-error'))).to.equal(
      'Another customer already has this ID.',
    );
    expect(el.shadowRoot!.activeElement?.id).to.equal('external_ids.shopify');
    expect(parts(el, 'view-existing')).to.have.length(1);
    setTimeout(() => part(el, 'view-existing')!.click());
    const select = await oneEvent(el, 'loupe-customer-select');
    expect(select.detail.customerId).to.equal('cus_linked');
    await expect(el).to.be.accessible();
  });

  it('edits: sends only the changed fields with If-Match', async () => {
    const fake = client();
    const el = await form(fake, 'cus_existing');
    expect(text(part(el, 'title'))).to.equal('Edit Ana Lima');
    expect(control<HTMLSelectElement>(el, 'birthday.month').value).to.equal('07');
    expect(text(el.shadowRoot!.querySelector('.hint'))).to.contain('Given by Sam on 3 Mar 2026');
    fill(el, 'ring_size', 'M');
    fill(el, 'birthday.year', '1990');
    await submit(el);
    const [call] = fake.callsOf('customers.update');
    expect(call!.args).to.deep.equal(['cus_existing', { ring_size: 'M', birthday: '1990-07-14' }]);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('Ana Lima saved.');
  });

  it('resolves a version conflict field by field: keep mine or take the saved value', async () => {
    const fake = client();
    const el = await form(fake, 'cus_existing');
    // Someone else changes the ring size and the last name meanwhile.
    fake.changeBehindTheScenes('cus_existing', { ring_size: 'P', last_name: 'Lima-Souza' });
    fill(el, 'ring_size', 'M');
    fill(el, 'first_name', 'Anna');
    await submit(el);
    await until(() => part(el, 'conflict'), 'the conflict choices');
    const conflict = part(el, 'conflict')!;
    expect(text(conflict.querySelector('legend'))).to.equal('Ring size');
    expect(text(conflict)).to.contain('Keep mine: M').and.contain('Take saved: P');
    await expect(el).to.be.accessible();
    // Take theirs for the ring size; the first name (only mine changed it) goes through.
    conflict.querySelectorAll('input')[1]!.click();
    setTimeout(() => conflict.querySelector<HTMLButtonElement>('button.primary')!.click());
    const saved = await oneEvent(el, 'loupe-customer-saved');
    const last = fake.callsOf('customers.update').at(-1)!;
    expect(last.args[1]).to.deep.equal({ first_name: 'Anna' });
    expect(saved.detail.customer).to.include({
      first_name: 'Anna',
      last_name: 'Lima-Souza',
      ring_size: 'P',
    });
  });

  it('adds, edits, makes default and removes addresses from the keyboard, keeping other typing', async () => {
    const fake = client();
    const el = await form(fake, 'cus_housed');
    const addresses = () => parts(el, 'address');
    const items = () => addresses().map((a) => text(a.querySelector('.address-text')));
    expect(items()).to.deep.equal(['Home Default 3 Home St, Carlton VIC 3053, Australia']);
    // Typed in another card and not saved: it must survive every address change.
    fill(el, 'first_name', 'Rosalind');

    part(el, 'add-address')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'address-edit.kind', 'focus on kind');
    expect(control<HTMLSelectElement>(el, 'address-edit.country').value).to.equal('AU');
    expect(control(el, 'address-edit.state').localName).to.equal('select');
    await expect(el).to.be.accessible();
    fill(el, 'address-edit.kind', 'billing');
    fill(el, 'address-edit.label', 'Office');
    fill(el, 'address-edit.line1', '1 Work St');
    fill(el, 'address-edit.country', 'GB');
    await el.updateComplete;
    expect(control(el, 'address-edit.state').localName, 'free text for GB').to.equal('input');
    control(el, 'address-edit.line1').dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await until(() => addresses().length === 2, 'the added address');
    expect(fake.callsOf('customers.addresses.add')[0]!.args).to.deep.equal([
      'cus_housed',
      {
        kind: 'billing',
        label: 'Office',
        line1: '1 Work St',
        line2: null,
        suburb: null,
        state: null,
        postcode: null,
        country: 'GB',
      },
    ]);
    expect(
      fake.callsOf('customers.update'),
      'Enter saved the address, not the form',
    ).to.have.length(0);
    expect(items()[1]).to.equal('Billing (Office) 1 Work St, United Kingdom');
    expect(control(el, 'first_name').value).to.equal('Rosalind');
    await until(() => el.shadowRoot!.activeElement?.id === 'add-address', 'focus back on Add');

    addresses()[1]!.querySelector<HTMLButtonElement>('[aria-label^="Make"]')!.click();
    await until(() => addresses()[1]!.querySelector('[part="default-badge"]'), 'the new default');
    expect(addresses()[0]!.querySelector('[part="default-badge"]')).to.equal(null);

    addresses()[0]!.querySelector<HTMLButtonElement>('[aria-label^="Edit"]')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'address-edit.kind', 'the editor');
    expect(control(el, 'address-edit.line1').value).to.equal('3 Home St');
    fill(el, 'address-edit.postcode', '3054');
    part(el, 'save-address')!.click();
    await until(() => items()[0]!.includes('3054'), 'the edited address');
    expect(fake.callsOf('customers.addresses.update')[0]!.args).to.deep.equal([
      'cus_housed',
      'adr_home',
      { postcode: '3054' },
    ]);

    addresses()[0]!.querySelector<HTMLButtonElement>('[aria-label^="Remove"]')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'remove-yes', 'focus on the confirm');
    await expect(el).to.be.accessible();
    control<HTMLButtonElement>(el, 'remove-yes').click();
    await until(() => addresses().length === 1, 'the address removed');
    expect(items()[0]).to.contain('1 Work St').and.contain('Default');
    expect(control(el, 'first_name').value).to.equal('Rosalind');
    await submit(el);
    expect(fake.callsOf('customers.update').at(-1)!.args[1]).to.deep.equal({
      first_name: 'Rosalind',
    });
  });

  it('puts a refused address on its field, keeps the typing, and survives a conflict', async () => {
    const fake = client();
    const el = await form(fake, 'cus_housed');
    part(el, 'add-address')!.click();
    await until(() => control(el, 'address-edit.kind'), 'the editor');
    part(el, 'save-address')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'address-edit.line1', 'focus on street');
    expect(text(el.shadowRoot!.getElementById('address-edit.line1-error'))).to.equal(
      'Fill in at least one part of the address.',
    );
    expect(fake.callsOf('customers.addresses.add'), 'checked before sending').to.have.length(0);

    fill(el, 'address-edit.line1', '9 Depot Rd');
    fill(el, 'address-edit.postcode', '1'.repeat(21));
    part(el, 'save-address')!.click();
    await until(
      () => el.shadowRoot!.activeElement?.id === 'address-edit.postcode',
      'focus on the postcode',
    );
    expect(control(el, 'address-edit.postcode').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'address-edit.line1').value).to.equal('9 Depot Rd');
    await expect(el).to.be.accessible();

    fill(el, 'address-edit.postcode', '3000');
    fake.changeBehindTheScenes('cus_housed', { last_name: 'Marsh-Lee' });
    part(el, 'save-address')!.click();
    await until(() => el.shadowRoot!.getElementById('address-card-error'), 'the conflict note');
    expect(text(el.shadowRoot!.getElementById('address-card-error'))).to.contain('save again');
    expect(control(el, 'address-edit.line1').value).to.equal('9 Depot Rd');
    part(el, 'save-address')!.click();
    await until(() => parts(el, 'address').length === 2, 'saved on the second try');
  });

  it('lays out the address card in one column on a phone', async () => {
    await defined;
    const page = await fixture<HTMLElement>(html`<div style="width: 340px">
      <loupe-customer-form .client=${client()} customer-id="cus_housed"></loupe-customer-form>
    </div>`);
    const el = page.querySelector('loupe-customer-form')!;
    await el.loadComplete;
    part(el, 'add-address')!.click();
    await until(() => control(el, 'address-edit.kind'), 'the editor');
    const kind = control(el, 'address-edit.kind').getBoundingClientRect();
    const label = control(el, 'address-edit.label').getBoundingClientRect();
    expect(label.top).to.be.greaterThan(kind.bottom);
    const right = page.getBoundingClientRect().right;
    for (const node of el.shadowRoot!.querySelectorAll('.card input, .card select, .card button')) {
      expect(node.getBoundingClientRect().right, node.id || node.localName).to.be.at.most(
        right + 0.5,
      );
    }
  });

  it('archives after a confirmation, shows the archived notice, and unarchives', async () => {
    const fake = client(MANAGER);
    const el = await form(fake, 'cus_existing');
    part(el, 'archive')!.click();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement?.id === 'archive-yes', 'focus on the confirm');
    expect(text(part(el, 'archive'))).to.contain('Archive Ana Lima?');
    control<HTMLButtonElement>(el, 'archive-yes').click();
    await until(() => part(el, 'archived'), 'the archived notice');
    expect(text(part(el, 'archived'))).to.match(/archived on \d+ \w+ \d{4}/);
    await expect(el).to.be.accessible();
    part(el, 'archive')!.click();
    await until(() => part(el, 'submit'), 'the form again');
    expect(fake.callsOf('customers.unarchive')).to.have.length(1);
  });

  it('hides archive from staff and disables the form for a credential that may not edit', async () => {
    const staff = await form(client(), 'cus_existing');
    expect(part(staff, 'archive')).to.equal(null);
    const readonly = await form(client(['view_customers']), 'cus_existing');
    expect(readonly.shadowRoot!.querySelector('fieldset')!.disabled).to.equal(true);
    expect(text(readonly.shadowRoot!.querySelector('.hint'))).to.contain(
      'may view this customer but not change it',
    );
  });

  it('says when the customer is not there', async () => {
    const el = await form(client(), 'cus_missing');
    expect(text(part(el, 'empty'))).to.equal('This customer could not be found.');
  });

  it('lays out one column on a phone', async () => {
    const fake = client();
    await defined;
    const page = await fixture<HTMLElement>(html`<div style="width: 340px">
      <loupe-customer-form .client=${fake}></loupe-customer-form>
    </div>`);
    const el = page.querySelector('loupe-customer-form')!;
    await el.loadComplete;
    const first = control(el, 'first_name').getBoundingClientRect();
    const last = control(el, 'last_name').getBoundingClientRect();
    expect(last.top).to.be.greaterThan(first.bottom);
    const right = page.getBoundingClientRect().right;
    for (const node of el.shadowRoot!.querySelectorAll('input, select, button')) {
      expect(node.getBoundingClientRect().right, node.id || node.localName).to.be.at.most(
        right + 0.5,
      );
    }
  });
});
