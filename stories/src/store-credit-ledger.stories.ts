import '@loupe/widgets/components/provider/provider.js';
import '@loupe/widgets/components/customer-hero/customer-hero.js';
import '@loupe/widgets/components/store-credit-ledger/store-credit-ledger.js';
import type { LoupeStoreCreditLedger } from '@loupe/widgets/components/store-credit-ledger/store-credit-ledger.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  demoClient,
  failingClient,
  loadingClient,
  longCustomer,
  showcaseCustomer,
  sparseCustomer,
  themedStyle,
} from './fake-clients.js';

interface LedgerArgs {
  customerId: string;
  locale: string;
  pageSize: number;
}

const meta: Meta<LedgerArgs> = {
  title: 'Widgets/Store credit ledger',
  component: 'loupe-store-credit-ledger',
  args: { customerId: showcaseCustomer.id, locale: 'en-AU', pageSize: 10 },
  render: ({ customerId, locale, pageSize }) =>
    html`<loupe-store-credit-ledger
      .client=${demoClient()}
      customer-id=${customerId}
      locale=${locale}
      page-size=${pageSize}
    ></loupe-store-credit-ledger>`,
};
export default meta;

type Story = StoryObj<LedgerArgs>;

/** 23 entries over three pages, with the adjust action. */
export const Default: Story = {};

export const Loading: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-store-credit-ledger .client=${loadingClient()} customer-id=${customerId} locale=${locale}></loupe-store-credit-ledger>`,
};

/** A customer with no store-credit activity yet. */
export const Empty: Story = { args: { customerId: sparseCustomer.id } };

export const ErrorState: Story = {
  name: 'Error',
  render: ({ customerId, locale }) =>
    html`<loupe-store-credit-ledger .client=${failingClient()} customer-id=${customerId} locale=${locale}></loupe-store-credit-ledger>`,
};

export const LongContent: Story = { args: { customerId: longCustomer.id } };

/** A phone's column (326 px): each row in lines, the header row out of sight. */
export const Phone: Story = {
  render: ({ customerId, locale, pageSize }) =>
    html`<div style="max-width: 326px">
      <loupe-store-credit-ledger
        .client=${demoClient()}
        customer-id=${customerId}
        locale=${locale}
        page-size=${pageSize}
      ></loupe-store-credit-ledger>
    </div>`,
};

/** A credential without `adjust_store_credit`: history only, no adjust action. */
export const NoPermission: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-store-credit-ledger
      .client=${demoClient({ permissions: ['view_customers'] })}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-store-credit-ledger>`,
};

/**
 * On a counter screen the ledger sits under the hero, whose allergy warning stays in view
 * while staff redeem credit.
 */
export const Allergy: Story = {
  render: ({ customerId, locale }) => html`
    <loupe-provider .client=${demoClient()} locale=${locale}>
      <loupe-customer-hero customer-id=${customerId}></loupe-customer-hero>
      <br />
      <loupe-store-credit-ledger customer-id=${customerId}></loupe-store-credit-ledger>
    </loupe-provider>
  `,
};

/** A debit past the balance, refused by the server and explained in the form. */
export const RefusedDebit: Story = {
  play: async ({ canvasElement }) => {
    const ledger = canvasElement.querySelector<LoupeStoreCreditLedger>(
      'loupe-store-credit-ledger',
    )!;
    const inShadow = async <T extends Element>(root: () => T | null | undefined): Promise<T> => {
      for (let i = 0; i < 100; i++) {
        const found = root();
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('Timed out waiting for the ledger');
    };
    const adjust = await inShadow(() =>
      ledger.shadowRoot?.querySelector<HTMLButtonElement>('[part~="adjust-button"]'),
    );
    adjust.click();
    const form = await inShadow(() =>
      ledger.shadowRoot
        ?.querySelector('loupe-store-credit-adjust-form')
        ?.shadowRoot?.querySelector('form'),
    );
    form.querySelector<HTMLInputElement>('[value="debit"]')!.click();
    form.querySelector<HTMLInputElement>('[name="amount"]')!.value = '5000';
    form.querySelector<HTMLInputElement>('[name="reason"]')!.value = 'Redeemed at counter';
    form.requestSubmit();
  },
};

export const Themed: Story = {
  render: ({ customerId, locale }) =>
    html`<loupe-store-credit-ledger
      style=${themedStyle}
      .client=${demoClient()}
      customer-id=${customerId}
      locale=${locale}
    ></loupe-store-credit-ledger>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE' },
  render: ({ customerId, locale }) =>
    html`<div dir="rtl" lang="ar">
      <loupe-store-credit-ledger .client=${demoClient()} customer-id=${customerId} locale=${locale}></loupe-store-credit-ledger>
    </div>`,
};
