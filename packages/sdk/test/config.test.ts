import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLoupe } from '../src/index.js';

describe('createLoupe configuration', () => {
  it('accepts a plain http(s) base URL, with or without a path', () => {
    assert.ok(createLoupe({ baseUrl: 'http://localhost:4000', apiKey: 'sk_x' }));
    assert.ok(createLoupe({ baseUrl: 'https://example.com/loupe/', token: 'lst_x' }));
  });

  it('refuses, outside a browser page, a base URL that is not absolute http(s)', () => {
    const apiKey = 'sk_x';
    assert.throws(() => createLoupe({ baseUrl: 'localhost:4000', apiKey }), /baseUrl/);
    assert.throws(() => createLoupe({ baseUrl: '/api', apiKey }), /baseUrl/);
    assert.throws(() => createLoupe({ baseUrl: 'ftp://example.com', apiKey }), /baseUrl/);
  });

  it('accepts a same-origin path inside a browser page', () => {
    const page = { href: 'https://shop.example.com/products/ring' };
    Object.defineProperty(globalThis, 'location', { value: page, configurable: true });
    try {
      assert.ok(createLoupe({ baseUrl: '/loupe', token: 'lst_x' }));
    } finally {
      Reflect.deleteProperty(globalThis, 'location');
    }
  });

  it('refuses both a key and a token, since only one can be sent', () => {
    assert.throws(
      () => createLoupe({ baseUrl: 'http://localhost:4000', apiKey: 'sk_x', token: 'lst_x' }),
      /either apiKey or token/,
    );
  });

  it('refuses a client with no credential, saying what to pass', () => {
    const baseUrl = 'http://localhost:4000';
    // What `apiKey: process.env.LOUPE_KEY` gives when the variable isn't set, or is set empty.
    for (const apiKey of [undefined, '']) {
      assert.throws(
        () => createLoupe({ baseUrl, apiKey }),
        (error: unknown) =>
          error instanceof TypeError &&
          /no credential/.test(error.message) &&
          /apiKey, a secret key \(sk_…\)/.test(error.message) &&
          /token/.test(error.message) &&
          /fetchToken/.test(error.message) &&
          error.message.includes(`apiKey was ${apiKey === undefined ? 'undefined' : '""'}`),
      );
    }
    assert.throws(() => createLoupe({ baseUrl }), /no credential/);
    assert.throws(() => createLoupe({ baseUrl, token: '' }), /no credential/);
    assert.ok(createLoupe({ baseUrl, fetchToken: async () => 'lst_x' }), 'a token minted later');
    assert.ok(createLoupe({ baseUrl, anonymous: true }), 'public routes only, on purpose');
    assert.throws(() => createLoupe({ baseUrl, anonymous: true, apiKey: 'sk_x' }), /anonymous/);
  });

  it('refuses nonsense retry and timeout settings', () => {
    const baseUrl = 'http://localhost:4000';
    const apiKey = 'sk_x';
    assert.throws(() => createLoupe({ baseUrl, apiKey, maxRetries: -1 }), /maxRetries/);
    assert.throws(() => createLoupe({ baseUrl, apiKey, maxRetries: 1.5 }), /maxRetries/);
    assert.throws(() => createLoupe({ baseUrl, apiKey, timeout: 0 }), /timeout/);
    assert.throws(() => createLoupe({ baseUrl, apiKey, timeout: Number.NaN }), /timeout/);
  });

  it('refuses a secret key inside a browser page unless explicitly allowed', () => {
    const globals = globalThis as { window?: unknown; document?: unknown };
    globals.window = globalThis;
    globals.document = {};
    try {
      const baseUrl = 'https://loupe.example.com';
      assert.throws(
        () => createLoupe({ baseUrl, apiKey: 'sk_live_abc' }),
        /must not be used in a browser/,
      );
      assert.throws(
        () => createLoupe({ baseUrl, apiKey: 'lpk_abc' }),
        /must not be used in a browser/,
      );
      assert.ok(createLoupe({ baseUrl, apiKey: 'pk_live_abc' }), 'publishable keys are for pages');
      assert.ok(createLoupe({ baseUrl, token: 'lst_abc' }));
      assert.ok(createLoupe({ baseUrl, apiKey: 'sk_live_abc', dangerouslyAllowBrowser: true }));
    } finally {
      delete globals.window;
      delete globals.document;
    }
  });
});
