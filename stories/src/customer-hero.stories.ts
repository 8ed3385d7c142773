import '@loupe/widgets/components/customer-hero/customer-hero.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  demoClient,
  failingClient,
  laybySummary,
  loadingClient,
  longCustomer,
  showcaseCustomer,
  sparseCustomer,
  themedStyle,
} from './fake-clients.js';

interface HeroArgs {
  customerId: string;
  locale: string;
}

const meta: Meta<HeroArgs> = {
  title: 'Widgets/Customer hero',
  component: 'loupe-customer-hero',
  args: { customerId: showcaseCustomer.id, locale: 'en-AU' },
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero
      .client=${demoClient()}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-customer-hero>`,
};
export default meta;

type Story = StoryObj<HeroArgs>;

/** The showcase customer: VIP, tags, preferences, an allergy, store credit. */
export const Default: Story = {};

export const Loading: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero .client=${loadingClient()} customer-id=${customerId} locale=${locale}></loupe-customer-hero>`,
};

/** No customer chosen yet, and an id that isn't there. */
export const Empty: Story = {
  render: ({ locale }) => html`
    <loupe-customer-hero .client=${demoClient()} locale=${locale}></loupe-customer-hero>
    <br />
    <loupe-customer-hero .client=${demoClient()} customer-id="cus_missing" locale=${locale}></loupe-customer-hero>
  `,
};

export const ErrorState: Story = {
  name: 'Error',
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero .client=${failingClient()} customer-id=${customerId} locale=${locale}></loupe-customer-hero>`,
};

/** A set-up mistake: no client, no `base-url`, no provider. The console says the same once. */
export const NotConnected: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero customer-id=${customerId} locale=${locale}></loupe-customer-hero>`,
};

export const LongContent: Story = { args: { customerId: longCustomer.id } };

/** A credential without `send_email`: no Send email action. */
export const NoPermission: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero
      .client=${demoClient({ permissions: ['view_customers'] })}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-customer-hero>`,
};

/** The allergy chip: red, an icon and the words, so nobody misses it. */
export const Allergy: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-hero
      .client=${demoClient({ customers: [{ ...sparseCustomer, allergies: ['Nickel'] }] })}
      customer-id=${sparseCustomer.id}
      locale=${locale}
    ></loupe-customer-hero>`,
};

/** A layby being paid off: the balance due in amber under the name, where staff look first. */
export const Layby: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero
      .client=${demoClient({ summaries: [laybySummary] })}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-customer-hero>`,
};

/** Brand colours, font and corners through `--loupe-*` custom properties. */
export const Themed: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-customer-hero
      style=${themedStyle}
      .client=${demoClient()}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-customer-hero>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE' },
  render: ({ customerId, locale }) =>
    html`<div dir="rtl" lang="ar">
      <loupe-customer-hero .client=${demoClient()} customer-id=${customerId} locale=${locale}></loupe-customer-hero>
    </div>`,
};
