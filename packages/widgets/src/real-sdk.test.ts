import { expect, fixture, html } from '@open-wc/testing';
import './components/customer-hero/customer-hero.js';
import './components/provider/provider.js';
import './components/store-credit-ledger/store-credit-ledger.js';
import type { LoupeCustomerHero } from './components/customer-hero/customer-hero.js';
import type { LoupeStoreCreditLedger } from './components/store-credit-ledger/store-credit-ledger.js';
import { part, text, until } from './testing/dom.js';
import { ledgerRows, showcaseCustomer, showcaseSummary } from './testing/fixtures.js';

// These tests go through the real @loupe/sdk (ky, error mapping, credentials) with `fetch`
// stubbed at the network boundary, as a page would use the elements.

interface SeenRequest {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

type Route = (request: Request) => Response | undefined;

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

function stubFetch(route: Route): { seen: SeenRequest[]; restore: () => void } {
  const original = window.fetch;
  const seen: SeenRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' ? undefined : await request.clone().json();
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      body,
    });
    return (
      route(request) ?? json({ code: 'not_found', status: 404 }, 404, 'application/problem+json')
    );
  };
  return { seen, restore: () => (window.fetch = original) };
}

const me = (permissions: string[]) => ({
  tenant_id: 'ten_1',
  kind: 'session',
  role: 'staff',
  permissions,
  branch_id: null,
  customer_id: null,
});

describe('widgets through the real @loupe/sdk', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('<loupe-customer-hero base-url token> loads the customer with the token', async () => {
    const stub = stubFetch((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/v1/me') return json(me(['view_customers', 'send_email']));
      if (path === '/v1/customers/cus_showcase') return json(showcaseCustomer);
      if (path === '/v1/customers/cus_showcase/summary') return json(showcaseSummary);
      return undefined;
    });
    restore = stub.restore;
    const el = await fixture<LoupeCustomerHero>(html`<loupe-customer-hero
      base-url="https://loupe.test"
      token="tok_hero"
      customer-id="cus_showcase"
      locale="en-AU"
    ></loupe-customer-hero>`);
    await el.loadComplete;
    expect(text(part(el, 'name'))).to.equal('Mei Chen');
    expect(part(el, 'send-email')).to.exist;
    expect(stub.seen.map((r) => `${r.method} ${new URL(r.url).pathname}`).sort()).to.deep.equal([
      'GET /v1/customers/cus_showcase',
      'GET /v1/customers/cus_showcase/summary',
      'GET /v1/me',
    ]);
    expect(stub.seen.every((r) => r.authorization === 'Bearer tok_hero')).to.equal(true);
  });

  it('<loupe-provider> mints a token with fetchToken and the ledger shows a refused debit', async () => {
    const rows = ledgerRows('cus_showcase', 2);
    const stub = stubFetch((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/v1/me') return json(me(['view_customers', 'adjust_store_credit']));
      if (path === '/v1/customers/cus_showcase/store-credit') {
        return json({
          customer_id: 'cus_showcase',
          balance: rows[0]!.balance_after,
          data: rows,
          next_cursor: null,
        });
      }
      if (path === '/v1/customers/cus_showcase/store-credit/adjustments') {
        return json(
          {
            type: 'https://loupe.dev/errors/insufficient_store_credit',
            title: 'Insufficient store credit',
            status: 409,
            code: 'insufficient_store_credit',
            detail: 'The debit exceeds the balance.',
            request_id: 'req_1',
            balance: { amount: 10100, currency: 'AUD' },
          },
          409,
          'application/problem+json',
        );
      }
      return undefined;
    });
    restore = stub.restore;
    let minted = 0;
    const fetchToken = async () => `tok_minted_${++minted}`;
    const wrapper = await fixture(html`<loupe-provider
      base-url="https://loupe.test"
      locale="en-AU"
      .fetchToken=${fetchToken}
    >
      <loupe-store-credit-ledger customer-id="cus_showcase"></loupe-store-credit-ledger>
    </loupe-provider>`);
    const el = wrapper.querySelector<LoupeStoreCreditLedger>('loupe-store-credit-ledger')!;
    await until(() => part(el, 'adjust-button'), 'ledger loaded');
    expect(minted).to.equal(1);
    expect(stub.seen.every((r) => r.authorization === 'Bearer tok_minted_1')).to.equal(true);

    part<HTMLButtonElement>(el, 'adjust-button')!.click();
    await until(() => el.shadowRoot!.querySelector('loupe-store-credit-adjust-form'), 'form');
    const form = el.shadowRoot!.querySelector('loupe-store-credit-adjust-form')!;
    await form.updateComplete;
    const field = (name: string) =>
      form.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    form.shadowRoot!.querySelector<HTMLInputElement>('[value="debit"]')!.click();
    field('amount').value = '200';
    field('reason').value = 'Redeemed';
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();

    const error = () => text(form.shadowRoot!.querySelector('[part~="form-error"]'));
    await until(error, 'refusal');
    expect(error()).to.equal('Refused: this debit of $200.00 is more than the balance of $101.00.');
    const post = stub.seen.find((r) => r.method === 'POST')!;
    expect(post.body).to.deep.equal({
      amount: { amount: -20000, currency: 'AUD' },
      reason: 'Redeemed',
    });
  });
});
