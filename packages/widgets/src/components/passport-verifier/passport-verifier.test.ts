import { expect, fixture, html } from '@open-wc/testing';
import './passport-verifier.js';
import type { LoupeClientLike, PublicPassport } from '../../client.js';
import { part, text, until } from '../../testing/dom.js';
import type { LoupePassportVerifier } from './passport-verifier.js';

const CODE = 'K7M-2QX-9HD-F4W-RT8-CPN-3BT';
const TYPO = 'K7M-2QX-9HD-F4W-RT8-CPN-3BV';

const passport: PublicPassport = {
  code: CODE,
  title: 'Platinum solitaire engagement ring',
  jewellery_type: 'ring',
  description: 'Six-claw solitaire on a knife-edge band.',
  metal: 'platinum',
  stones: [
    {
      kind: 'diamond',
      shape: 'round brilliant',
      carat: 1.02,
      colour: 'F',
      clarity: 'VS1',
      lab: 'GIA',
    },
  ],
  images: [],
  status: 'active',
  issued_at: '2014-03-02T04:00:00.000Z',
  issuer: { name: 'Harbour & Vine' },
  ownership_changes: 1,
  last_transfer_at: '2025-05-06T04:00:00.000Z',
};

/** A client whose `passports.verify` answers `answer` (a passport or a thrown problem). */
function fakeClient(answer: () => Promise<PublicPassport>) {
  const calls: string[] = [];
  const client = {
    passports: {
      verify: (code: string) => {
        calls.push(code);
        return answer();
      },
    },
  } as unknown as LoupeClientLike;
  return { client, calls };
}

const problem = (status: number | undefined, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('failed'), { status, ...extra });

async function verifier(client: LoupeClientLike, code?: string) {
  const el = await fixture<LoupePassportVerifier>(
    code === undefined
      ? html`<loupe-passport-verifier .client=${client} locale="en-AU"></loupe-passport-verifier>`
      : html`<loupe-passport-verifier .client=${client} code=${code} locale="en-AU"></loupe-passport-verifier>`,
  );
  await el.loadComplete;
  return el;
}

async function type(el: LoupePassportVerifier, value: string) {
  const input = el.shadowRoot!.querySelector('input')!;
  input.value = value;
  part<HTMLButtonElement>(el, 'submit')!.click();
  await el.loadComplete;
}

describe('<loupe-passport-verifier>', () => {
  it('shows the piece for a code, and is accessible', async () => {
    const { client, calls } = fakeClient(async () => passport);
    const el = await verifier(client, CODE);
    expect(calls).to.deep.equal(['K7M2QX9HDF4WRT8CPN3BT']);
    expect(text(part(el, 'title'))).to.equal('Platinum solitaire engagement ring');
    expect(text(part(el, 'details'))).to.contain('Harbour & Vine');
    expect(text(part(el, 'details'))).to.contain('1 (last 6 May 2025)');
    expect(text(part(el, 'details'))).to.contain('1.02 ct round brilliant diamond F, VS1 (GIA)');
    expect(part(el, 'stolen')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('warns unmistakably when the piece is reported stolen: colour, icon and words', async () => {
    const { client } = fakeClient(async () => ({ ...passport, status: 'reported_stolen' }));
    const el = await verifier(client, CODE);
    const warning = part(el, 'stolen')!;
    expect(warning.getAttribute('role')).to.equal('alert');
    expect(warning.querySelector('svg')).to.exist;
    expect(text(warning)).to.contain('Reported stolen');
    expect(text(warning)).to.contain('Don’t buy it');
    expect(getComputedStyle(warning).backgroundColor).to.equal('rgb(253, 232, 232)');
    await expect(el).to.be.accessible();
  });

  it('says "check the code" for a typo without a request', async () => {
    const { client, calls } = fakeClient(async () => passport);
    const el = await verifier(client);
    await type(el, TYPO);
    expect(calls).to.deep.equal([]);
    expect(part(el, 'hint')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'hint'))).to.contain('Check the code');
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'K7M-2QX');
    expect(text(part(el, 'hint'))).to.contain('21 letters and digits');
    expect(calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('accepts what people type: lower case, spaces, o for 0', async () => {
    const { client, calls } = fakeClient(async () => passport);
    const el = await verifier(client);
    await type(el, ' k7m 2qx 9hd f4w rt8 cpn 3bt ');
    expect(calls).to.deep.equal(['K7M2QX9HDF4WRT8CPN3BT']);
    expect(part(el, 'card')).to.exist;
  });

  it('says when no passport has the code', async () => {
    const { client } = fakeClient(async () => {
      throw problem(404);
    });
    const el = await verifier(client, CODE);
    expect(text(part(el, 'not-found'))).to.contain('No passport has this code');
    await expect(el).to.be.accessible();
  });

  it('says when to retry after too many checks, and retries', async () => {
    let limited = true;
    const { client, calls } = fakeClient(async () => {
      if (limited) throw problem(429, { retryAfter: 42 });
      return passport;
    });
    const el = await verifier(client, CODE);
    expect(text(part(el, 'error'))).to.contain('Try again in 42 seconds');
    await expect(el).to.be.accessible();
    limited = false;
    part<HTMLButtonElement>(el, 'retry')!.click();
    await el.loadComplete;
    expect(calls.length).to.equal(2);
    expect(part(el, 'card')).to.exist;
  });

  it('says when the shopper is offline', async () => {
    const { client } = fakeClient(async () => {
      throw problem(undefined);
    });
    const el = await verifier(client, CODE);
    expect(text(part(el, 'error'))).to.contain('offline');
    expect(part(el, 'retry')).to.exist;
  });

  it('reads ?code= from the page when it has no code attribute', async () => {
    const before = location.href;
    history.replaceState(null, '', `?code=${encodeURIComponent(CODE)}`);
    try {
      const { client, calls } = fakeClient(async () => passport);
      const el = await verifier(client);
      expect(calls).to.deep.equal(['K7M2QX9HDF4WRT8CPN3BT']);
      expect(el.shadowRoot!.querySelector('input')!.value).to.equal(CODE);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('keeps showing the page’s own rendering while it loads', async () => {
    let answer!: (p: PublicPassport) => void;
    const { client } = fakeClient(() => new Promise((resolve) => (answer = resolve)));
    const el = await fixture<LoupePassportVerifier>(
      html`<loupe-passport-verifier .client=${client} code=${CODE}><p id="server">Server says: stolen</p></loupe-passport-verifier>`,
    );
    await until(() => el.shadowRoot!.querySelector('slot'), 'the slot while loading');
    expect(part(el, 'skeleton')).to.equal(null);
    answer(passport);
    await el.loadComplete;
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    expect(part(el, 'card')).to.exist;
  });
});
