import '@loupe/widgets/components/customer-form/customer-form.js';
import type { Customer } from '@loupe/widgets';
import { FakeProblem, makeCustomer, type Permission } from '@loupe/widgets/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import {
  demoClient,
  failingClient,
  loadingClient,
  showcaseCustomer,
  themedStyle,
} from './fake-clients.js';

interface FormArgs {
  customerId: string;
  locale: string;
}

const MANAGER: Permission[] = [
  'view_customers',
  'create_customer',
  'edit_customer',
  'archive_customer',
];

const archived: Customer = makeCustomer({
  id: 'cus_archived',
  first_name: 'Olive',
  last_name: 'Hart',
  archived_at: '2026-02-11T03:00:00.000Z',
});

const place = (
  id: string,
  kind: 'home' | 'billing' | 'shipping' | 'other',
  parts: { line1: string; suburb: string; state: string | null; postcode: string; country: string },
  extra: { label?: string; is_default?: boolean } = {},
) => ({
  id,
  kind,
  label: extra.label ?? null,
  line2: null,
  ...parts,
  is_default: extra.is_default ?? false,
});

/** A customer who has her repairs posted to work and invoices sent to her accountant. */
const addressed: Customer = makeCustomer({
  id: 'cus_addressed',
  first_name: 'Clara',
  last_name: 'Whitcombe',
  email: 'clara@example.com',
  address: {
    line1: '14 Jersey Road',
    line2: null,
    suburb: 'Woollahra',
    state: 'NSW',
    postcode: '2025',
    country: 'AU',
  },
  addresses: [
    place(
      'adr_home',
      'home',
      {
        line1: '14 Jersey Road',
        suburb: 'Woollahra',
        state: 'NSW',
        postcode: '2025',
        country: 'AU',
      },
      { is_default: true },
    ),
    place(
      'adr_work',
      'shipping',
      {
        line1: 'Level 9, 1 Martin Place',
        suburb: 'Sydney',
        state: 'NSW',
        postcode: '2000',
        country: 'AU',
      },
      { label: 'Work reception' },
    ),
    place(
      'adr_billing',
      'billing',
      {
        line1: '22 Old Bond Street',
        suburb: 'London',
        state: null,
        postcode: 'W1S 4PY',
        country: 'GB',
      },
      { label: 'Accountant' },
    ),
  ],
});

const formClient = (permissions: Permission[] = MANAGER) =>
  demoClient({ customers: [showcaseCustomer, archived, addressed], permissions });

const shadow = (canvas: HTMLElement) => canvas.querySelector('loupe-customer-form')!.shadowRoot!;

/** Waits for the form to load, then clicks `selector` in it. */
async function clickInForm(canvas: HTMLElement, selector: string): Promise<ShadowRoot> {
  await customElements.whenDefined('loupe-customer-form');
  const el = canvas.querySelector('loupe-customer-form')!;
  await (el as unknown as { loadComplete: Promise<unknown> }).loadComplete;
  shadow(canvas).querySelector<HTMLElement>(selector)!.click();
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return shadow(canvas);
}

const meta: Meta<FormArgs> = {
  title: 'Widgets/Customer form',
  component: 'loupe-customer-form',
  args: { customerId: '', locale: 'en-AU' },
  decorators: [(story) => html`<div style="max-width: 56rem">${story()}</div>`],
  render: ({ customerId, locale }) =>
    html`<loupe-customer-form
      .client=${formClient()}
      customer-id=${customerId || nothing}
      locale=${locale}
    ></loupe-customer-form>`,
};
export default meta;

type Story = StoryObj<FormArgs>;

/** A new customer: the country is the tenant's, every card empty. */
export const NewCustomer: Story = {};

/** The showcase customer, with archive for a manager. */
export const Edit: Story = { args: { customerId: showcaseCustomer.id } };

/** Several addresses: kind, label, the default marked, each to edit, make default or remove. */
export const Addresses: Story = { args: { customerId: addressed.id } };

/** "Add address" opened: kind, label and the parts, the country the tenant's with its states. */
export const AddingAddress: Story = {
  args: { customerId: addressed.id },
  play: async ({ canvasElement }) => {
    await clickInForm(canvasElement, '[part="add-address"]');
  },
};

/** Remove asks first. */
export const RemovingAddress: Story = {
  args: { customerId: addressed.id },
  play: async ({ canvasElement }) => {
    await clickInForm(canvasElement, '[part="address"] [aria-label^="Remove"]');
  },
};

/** The server refuses an address: its message on the postcode, what was typed kept. */
export const AddressRefused: Story = {
  render: ({ locale }) => {
    const client = formClient();
    client.failures.set(
      'customers.addresses.add',
      new FakeProblem(422, 'validation_failed', 'Invalid', undefined, {
        errors: [{ path: 'postcode', message: 'must be at most 20 characters' }],
      }),
    );
    return html`<loupe-customer-form .client=${client} customer-id=${addressed.id} locale=${locale}></loupe-customer-form>`;
  },
  play: async ({ canvasElement }) => {
    const root = await clickInForm(canvasElement, '[part="add-address"]');
    const line1 = root.getElementById('address-edit.line1') as HTMLInputElement;
    line1.value = '5 Dock Lane';
    line1.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    root.querySelector<HTMLElement>('[part="save-address"]')!.click();
  },
};

/** The address card at phone width: one column, actions wrapping under each address. */
export const AddressesPhoneWidth: Story = {
  args: { customerId: addressed.id },
  decorators: [(story) => html`<div style="width: 340px">${story()}</div>`],
};

export const Loading: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-form .client=${loadingClient()} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-form>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: ({ locale }) =>
    html`<loupe-customer-form .client=${failingClient()} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-form>`,
};

export const NotFound: Story = { args: { customerId: 'cus_missing' } };

/** An archived customer shows the notice, not the form. */
export const Archived: Story = { args: { customerId: archived.id } };

/** A credential that may view but not edit: the form is read-only and says so. */
export const ReadOnly: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-form
      .client=${formClient(['view_customers'])}
      customer-id=${showcaseCustomer.id}
      locale=${locale}
    ></loupe-customer-form>`,
};

/** Press Create with a name: the server's field errors land on their fields. */
export const ServerErrors: Story = {
  render: ({ locale }) => {
    const client = formClient();
    client.failures.set(
      'customers.create',
      new FakeProblem(422, 'validation_failed', 'Invalid', undefined, {
        errors: [
          { path: 'mobile', message: 'must be a phone number (digits, spaces, + ( ) . -)' },
          { path: 'address.postcode', message: 'must be at most 20 characters' },
        ],
      }),
    );
    return html`<loupe-customer-form .client=${client} locale=${locale}></loupe-customer-form>`;
  },
};

/** Enter mei.chen@example.com and press Create: the duplicate-email message and its link. */
export const DuplicateEmail: Story = {};

export const PhoneWidth: Story = {
  decorators: [(story) => html`<div style="width: 340px">${story()}</div>`],
};

export const Themed: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-form style=${themedStyle} .client=${formClient()} locale=${locale}></loupe-customer-form>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE', customerId: showcaseCustomer.id },
  render: ({ customerId, locale }) =>
    html`<div dir="rtl" lang="ar">
      <loupe-customer-form .client=${formClient()} customer-id=${customerId} locale=${locale}></loupe-customer-form>
    </div>`,
};
