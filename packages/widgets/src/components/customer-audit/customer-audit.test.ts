import { expect, fixture, html } from '@open-wc/testing';
import './customer-audit.js';
import type { AuditEntry } from '../../client.js';
import { part, parts, text } from '../../testing/dom.js';
import { FakeLoupeClient, FakeProblem, type Permission } from '../../testing/fake-client.js';
import { showcaseCustomer } from '../../testing/fixtures.js';
import type { LoupeCustomerAudit } from './customer-audit.js';

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `aud_${n}`,
  action: 'customer.updated',
  actor: { kind: 'session', id: 'ses_1', name: 'Sam' },
  at: `2026-10-${String(10 - (n % 9)).padStart(2, '0')}T03:04:00.000Z`,
  changes: [{ field: 'ring_size', before: 'M', after: 'N' }],
  ...overrides,
});

const history: AuditEntry[] = [
  entry(1, {
    changes: [
      { field: 'ring_size', before: 'M', after: 'N½' },
      { field: 'email', before: 'old@example.com', after: 'mei.chen@example.com' },
      { field: 'mobile', before: '[redacted]', after: '[redacted]' },
      { field: 'preferred_metal', before: null, after: 'rose_gold' },
      { field: 'birthday', before: null, after: '--03-28' },
      { field: 'tags', before: ['Bridal'], after: ['Bridal', 'VIP'] },
    ],
  }),
  entry(2, { action: 'customer.created', actor: { kind: 'secret', id: 'key_1', name: null } }),
];

function client(permissions: Permission[] = ['view_customers', 'view_audit'], rows = history) {
  return new FakeLoupeClient({
    customers: [showcaseCustomer],
    permissions,
    history: { [showcaseCustomer.id]: rows },
  });
}

async function audit(fake: FakeLoupeClient, pageSize = 20) {
  const el = await fixture<LoupeCustomerAudit>(
    html`<loupe-customer-audit .client=${fake} customer-id="cus_showcase" page-size=${pageSize} locale="en-AU"></loupe-customer-audit>`,
  );
  await el.loadComplete;
  return el;
}

describe('<loupe-customer-audit>', () => {
  it('lists changes newest first, each field before → after in words; accessible', async () => {
    const el = await audit(client());
    const [first, second] = parts(el, 'entry');
    expect(text(first!.querySelector('.who'))).to.match(/^Edited · Sam · 9 Oct 2026/);
    expect(parts(el, 'change').slice(0, 6).map(text)).to.deep.equal([
      'Ring size: M → N½',
      'Email: old@example.com → mei.chen@example.com',
      'Mobile: (hidden) → (hidden)',
      'Metal: (empty) → Rose gold',
      'Birthday: (empty) → 28 March',
      'Tags: Bridal → Bridal, VIP',
    ]);
    expect(text(second!.querySelector('.who'))).to.match(/^Created · API key ·/);
    await expect(el).to.be.accessible();
  });

  it('hides personal values from a credential that may not view customers', async () => {
    const el = await audit(client(['view_audit']));
    const changes = parts(el, 'change').map(text);
    expect(changes[0]).to.equal('Ring size: M → N½');
    expect(changes[1]).to.equal('Email: (hidden) → (hidden)');
    expect(el.shadowRoot!.textContent).not.to.contain('old@example.com');
  });

  it('pages through a long history', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => entry(i + 1));
    const fake = client(undefined, rows);
    const el = await audit(fake, 2);
    expect(parts(el, 'entry')).to.have.length(2);
    const [previous, next] = part(el, 'pagination')!.querySelectorAll('button');
    expect(previous!.disabled).to.equal(true);
    next!.click();
    await el.loadComplete;
    expect(fake.callsOf('customers.history').at(-1)!.args[1]).to.deep.equal({
      limit: 2,
      cursor: '2',
    });
    expect(
      parts(el, 'entry').map((e) => e.querySelector('time')!.getAttribute('datetime')),
    ).to.deep.equal([rows[2]!.at, rows[3]!.at]);
  });

  it('says when nothing is recorded, and when the credential may not read the history', async () => {
    expect(text(part(await audit(client(undefined, [])), 'empty'))).to.equal(
      'No changes recorded yet.',
    );
    const fake = client();
    fake.failures.set('customers.history', new FakeProblem(403, 'permission_denied'));
    const el = await audit(fake);
    expect(text(part(el, 'error'))).to.contain('You don’t have access to this.');
    await expect(el).to.be.accessible();
  });
});
