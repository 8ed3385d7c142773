import '@loupe/widgets/components/passport-verifier/passport-verifier.js';
import type { LoupeClientLike, PublicPassport } from '@loupe/widgets';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

// Every state of the verifier a shopper can meet, each with a client that answers it.

const CODE = 'K7M-2QX-9HD-F4W-RT8-CPN-3BT';

const passport: PublicPassport = {
  code: CODE,
  title: 'Platinum solitaire engagement ring',
  jewellery_type: 'ring',
  description: 'Six-claw solitaire on a knife-edge band, made in our Sydney workshop.',
  metal: 'platinum',
  stones: [
    {
      kind: 'diamond',
      shape: 'round brilliant',
      carat: 1.02,
      colour: 'F',
      clarity: 'VS1',
      cut: 'Excellent',
      lab: 'GIA',
      certificate_number: '2141438167',
    },
  ],
  images: [],
  status: 'active',
  issued_at: '2014-03-02T04:00:00.000Z',
  issuer: { name: 'Harbour & Vine Jewellers' },
  ownership_changes: 1,
  last_transfer_at: '2025-05-06T04:00:00.000Z',
};

/** A client whose verification answers with `answer()`. */
const answering = (answer: () => Promise<PublicPassport>) =>
  ({ passports: { verify: answer } }) as unknown as LoupeClientLike;

const failing = (status: number | undefined, extra: Record<string, unknown> = {}) =>
  answering(() => Promise.reject(Object.assign(new Error('failed'), { status, ...extra })));

const meta: Meta<{ code: string }> = {
  title: 'Widgets/Passport verifier',
  component: 'loupe-passport-verifier',
  args: { code: CODE },
  render: ({ code }) =>
    html`<loupe-passport-verifier
      .client=${answering(async () => passport)}
      code=${code}
      locale="en-AU"
    ></loupe-passport-verifier>`,
};
export default meta;

type Story = StoryObj<{ code: string }>;

/** A genuine, active passport. */
export const Verified: Story = {};

/** Reported stolen: red, a warning icon and the words, before anything else. */
export const Stolen: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier
      .client=${answering(async () => ({ ...passport, status: 'reported_stolen' }))}
      code=${code}
    ></loupe-passport-verifier>`,
};

export const Archived: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier
      .client=${answering(async () => ({ ...passport, status: 'archived' }))}
      code=${code}
    ></loupe-passport-verifier>`,
};

/** Nothing typed yet. */
export const Empty: Story = {
  render: () =>
    html`<loupe-passport-verifier .client=${answering(async () => passport)}></loupe-passport-verifier>`,
};

/** A mistyped code: caught by its check symbol, without a request. */
export const Typo: Story = { args: { code: 'K7M-2QX-9HD-F4W-RT8-CPN-3BV' } };

export const TooShort: Story = { args: { code: 'K7M-2QX' } };

export const Loading: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier
      .client=${answering(() => new Promise(() => {}))}
      code=${code}
    ></loupe-passport-verifier>`,
};

export const NotFound: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier .client=${failing(404)} code=${code}></loupe-passport-verifier>`,
};

/** Too many checks from this connection: says when to try again. */
export const RateLimited: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier
      .client=${failing(429, { retryAfter: 42 })}
      code=${code}
    ></loupe-passport-verifier>`,
};

/** No network: the request never reached the server. */
export const Offline: Story = {
  render: ({ code }) =>
    html`<loupe-passport-verifier .client=${failing(undefined)} code=${code}></loupe-passport-verifier>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: ({ code }) =>
    html`<loupe-passport-verifier .client=${failing(500)} code=${code}></loupe-passport-verifier>`,
};
