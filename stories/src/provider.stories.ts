import '@loupe/widgets/components/provider/provider.js';
import '@loupe/widgets/components/customer-hero/customer-hero.js';
import '@loupe/widgets/components/store-credit-ledger/store-credit-ledger.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoClient, showcaseCustomer } from './fake-clients.js';

interface ProviderArgs {
  locale: string;
  currency: string;
}

const meta: Meta<ProviderArgs> = {
  title: 'Widgets/Provider',
  component: 'loupe-provider',
  args: { locale: 'en-AU', currency: 'AUD' },
};
export default meta;

/** One provider gives both elements their client, locale and link templates. */
export const CounterScreen: StoryObj<ProviderArgs> = {
  render: ({ locale, currency }) =>
    html`<loupe-provider
      .client=${demoClient()}
      locale=${locale}
      currency=${currency}
      links='{"sale": "#/sales/{id}"}'
    >
      <loupe-customer-hero customer-id=${showcaseCustomer.id}></loupe-customer-hero>
      <br />
      <loupe-store-credit-ledger customer-id=${showcaseCustomer.id}></loupe-store-credit-ledger>
    </loupe-provider>`,
};
