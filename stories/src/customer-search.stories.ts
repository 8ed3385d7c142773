import '@loupe/widgets/components/customer-search/customer-search.js';
import type { LoupeCustomerSearch } from '@loupe/widgets';
import type { Permission } from '@loupe/widgets/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  demoClient,
  failingClient,
  loadingClient,
  longCustomer,
  namesakes,
  themedStyle,
} from './fake-clients.js';

interface SearchArgs {
  value: string;
  locale: string;
  includeArchived: boolean;
}

/** Types `value` into the box and focuses it, as a person at the counter would. */
const typeValue: Story['play'] = async ({ canvasElement, args }) => {
  const el = canvasElement.querySelector<LoupeCustomerSearch>('loupe-customer-search')!;
  await el.updateComplete;
  el.value = args.value ?? '';
  el.focus();
  await el.loadComplete;
};

const counterClient = (permissions: Permission[] = ['view_customers', 'create_customer']) =>
  demoClient({
    customers: [...namesakes, longCustomer],
    permissions,
    // One Mei Chen bought in March; the other never has.
    lastPurchases: { [namesakes[0]!.id]: '2026-03-14T02:30:00.000Z' },
  });

const meta: Meta<SearchArgs> = {
  title: 'Widgets/Customer search',
  component: 'loupe-customer-search',
  args: { value: 'mei', locale: 'en-AU', includeArchived: false },
  // Room below the box for the results list.
  decorators: [(story) => html`<div style="min-height: 22rem; max-width: 32rem">${story()}</div>`],
  render: ({ locale, includeArchived }) =>
    html`<loupe-customer-search
      .client=${counterClient()}
      locale=${locale}
      ?include-archived=${includeArchived}
    ></loupe-customer-search>`,
  play: typeValue,
};
export default meta;

type Story = StoryObj<SearchArgs>;

/** Two Mei Chens told apart by masked mobile and email, suburb, last visit and VIP; "New customer" last. */
export const Results: Story = {};

/** Nothing typed yet: just the box. */
export const Empty: Story = { args: { value: '' } };

export const Searching: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-search .client=${loadingClient()} locale=${locale}></loupe-customer-search>`,
};

export const NoResults: Story = { args: { value: 'zzyzx' } };

/** A credential without `create_customer`: no "New customer" action. */
export const ReadOnly: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-search .client=${counterClient(['view_customers'])} locale=${locale}></loupe-customer-search>`,
};

/** Archived customers appear, marked, only with `include-archived`. */
export const IncludeArchived: Story = { args: { includeArchived: true } };

export const ErrorState: Story = {
  name: 'Error',
  render: ({ locale }) =>
    html`<loupe-customer-search .client=${failingClient()} locale=${locale}></loupe-customer-search>`,
};

/** A set-up mistake: no client, no `base-url`, no provider. */
export const NotConnected: Story = {
  render: () => html`<loupe-customer-search></loupe-customer-search>`,
  play: undefined,
};

export const LongContent: Story = { args: { value: 'alex' } };

export const PhoneWidth: Story = {
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const Themed: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-search style=${themedStyle} .client=${counterClient()} locale=${locale}></loupe-customer-search>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE' },
  render: ({ locale }) =>
    html`<div dir="rtl" lang="ar">
      <loupe-customer-search .client=${counterClient()} locale=${locale}></loupe-customer-search>
    </div>`,
};
