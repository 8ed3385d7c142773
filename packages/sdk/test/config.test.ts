import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLoupe } from '../src/index.js';

describe('createLoupe configuration', () => {
  it('accepts a plain http(s) base URL, with or without a path', () => {
    assert.ok(createLoupe({ baseUrl: 'http://localhost:4000', apiKey: 'sk_x' }));
    assert.ok(createLoupe({ baseUrl: 'https://example.com/loupe/', token: 'lst_x' }));
  });

  it('refuses, outside a browser page, a base URL that is not absolute http(s)', () => {
    assert.throws(() => createLoupe({ baseUrl: 'localhost:4000' }), /baseUrl/);
    assert.throws(() => createLoupe({ baseUrl: '/api' }), /baseUrl/);
    assert.throws(() => createLoupe({ baseUrl: 'ftp://example.com' }), /baseUrl/);
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

  it('refuses nonsense retry and timeout settings', () => {
    const baseUrl = 'http://localhost:4000';
    assert.throws(() => createLoupe({ baseUrl, maxRetries: -1 }), /maxRetries/);
    assert.throws(() => createLoupe({ baseUrl, maxRetries: 1.5 }), /maxRetries/);
    assert.throws(() => createLoupe({ baseUrl, timeout: 0 }), /timeout/);
    assert.throws(() => createLoupe({ baseUrl, timeout: Number.NaN }), /timeout/);
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
