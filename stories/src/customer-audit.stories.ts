import '@loupe/widgets/components/customer-audit/customer-audit.js';
import type { AuditEntry } from '@loupe/widgets';
import type { Permission } from '@loupe/widgets/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoClient, failingClient, loadingClient, showcaseCustomer } from './fake-clients.js';

interface AuditArgs {
  locale: string;
}

const history: AuditEntry[] = Array.from({ length: 7 }, (_, i) => ({
  id: `aud_story${i}`,
  action: i === 6 ? 'customer.created' : i === 2 ? 'customer.archived' : 'customer.updated',
  actor:
    i % 3
      ? { kind: 'session', id: 'ses_1', name: 'Sam (front counter)' }
      : { kind: 'secret', id: 'key_1', name: null },
  at: new Date(Date.UTC(2026, 9, 20 - i * 3, 3)).toISOString(),
  changes:
    i === 2
      ? [{ field: 'archived_at', before: null, after: '2026-10-14T03:00:00.000Z' }]
      : [
          { field: 'ring_size', before: 'M', after: 'N½' },
          { field: 'email', before: 'mei@old.example', after: 'mei.chen@example.com' },
          { field: 'mobile', before: '[redacted]', after: '[redacted]' },
          { field: 'birthday', before: null, after: '--03-28' },
        ],
}));

const client = (permissions: Permission[] = ['view_customers', 'view_audit'], rows = history) =>
  demoClient({ permissions, history: { [showcaseCustomer.id]: rows } });

const meta: Meta<AuditArgs> = {
  title: 'Widgets/Customer audit',
  component: 'loupe-customer-audit',
  args: { locale: 'en-AU' },
  render: ({ locale }) =>
    html`<loupe-customer-audit .client=${client()} customer-id=${showcaseCustomer.id} page-size="5" locale=${locale}></loupe-customer-audit>`,
};
export default meta;

type Story = StoryObj<AuditArgs>;

/** Newest first, five a page: who, when, what, and each field before → after. */
export const Default: Story = {};

export const Loading: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-audit .client=${loadingClient()} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-audit>`,
};

export const Empty: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-audit .client=${client(undefined, [])} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-audit>`,
};

/** A credential with `view_audit` but not `view_customers`: personal values hidden. */
export const WithoutPersonalData: Story = {
  render: ({ locale }) =>
    html`<loupe-customer-audit .client=${client(['view_audit'])} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-audit>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: ({ locale }) =>
    html`<loupe-customer-audit .client=${failingClient()} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-audit>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE' },
  render: ({ locale }) =>
    html`<div dir="rtl" lang="ar">
      <loupe-customer-audit .client=${client()} customer-id=${showcaseCustomer.id} locale=${locale}></loupe-customer-audit>
    </div>`,
};
