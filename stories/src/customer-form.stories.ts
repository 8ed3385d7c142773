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

const formClient = (permissions: Permission[] = MANAGER) =>
  demoClient({ customers: [showcaseCustomer, archived], permissions });

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
