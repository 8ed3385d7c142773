import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { AuthenticationError, createLoupe } from '../src/index.js';
import { BASE_URL, http, mockApi, problem } from './support/mock-api.js';

const { server, seen } = mockApi();

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

/** A server that accepts only `Bearer <valid>`. */
function acceptOnly(valid: string): void {
  server.use(
    http.get(`${BASE_URL}/v1/me`, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${valid}`
        ? HttpResponse.json({ tenant_id: 'ten_1' })
        : problem(401, 'unauthenticated'),
    ),
  );
}

/** A fetchToken that mints tok_1, tok_2, … and counts its calls. */
function minter(): { fetchToken: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    fetchToken: async () => {
      calls += 1;
      return `tok_${calls}`;
    },
    calls: () => calls,
  };
}

describe('fetchToken', () => {
  it('after a 401, mints a new token once and replays the request with it', async () => {
    acceptOnly('tok_1');
    const { fetchToken, calls } = minter();
    const loupe = createLoupe({ baseUrl: BASE_URL, token: 'tok_expired', fetchToken });

    assert.deepEqual(await loupe.me(), { tenant_id: 'ten_1' });

    assert.equal(calls(), 1);
    assert.deepEqual(
      seen.map((request) => request.headers.get('authorization')),
      ['Bearer tok_expired', 'Bearer tok_1'],
    );
  });

  it('keeps using the new token for later requests', async () => {
    acceptOnly('tok_1');
    const { fetchToken, calls } = minter();
    const loupe = createLoupe({ baseUrl: BASE_URL, token: 'tok_expired', fetchToken });

    await loupe.me();
    await loupe.me();

    assert.equal(calls(), 1);
    assert.equal(seen[2]?.headers.get('authorization'), 'Bearer tok_1');
  });

  it('refreshes only once per request: a second 401 is an AuthenticationError', async () => {
    acceptOnly('never');
    const { fetchToken, calls } = minter();
    const loupe = createLoupe({ baseUrl: BASE_URL, token: 'tok_expired', fetchToken });

    await assert.rejects(loupe.me(), AuthenticationError);
    assert.equal(calls(), 1);
    assert.equal(seen.length, 2);
  });

  it('mints the first token when none is given', async () => {
    acceptOnly('tok_1');
    const { fetchToken, calls } = minter();
    const loupe = createLoupe({ baseUrl: BASE_URL, fetchToken });

    await loupe.me();

    assert.equal(calls(), 1);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.headers.get('authorization'), 'Bearer tok_1');
  });

  it('mints one token for many requests that expire together', async () => {
    acceptOnly('tok_1');
    const { fetchToken, calls } = minter();
    const loupe = createLoupe({ baseUrl: BASE_URL, token: 'tok_expired', fetchToken });

    await Promise.all([loupe.me(), loupe.me(), loupe.me()]);

    assert.equal(calls(), 1);
  });

  it('without fetchToken a 401 is thrown straight away', async () => {
    acceptOnly('tok_1');
    const loupe = createLoupe({ baseUrl: BASE_URL, token: 'tok_expired' });

    await assert.rejects(loupe.me(), AuthenticationError);
    assert.equal(seen.length, 1);
  });

  it('a failing fetchToken surfaces as AuthenticationError with the cause', async () => {
    acceptOnly('tok_1');
    const cause = new Error('session endpoint down');
    const loupe = createLoupe({
      baseUrl: BASE_URL,
      token: 'tok_expired',
      fetchToken: () => Promise.reject(cause),
    });

    const error = await loupe.me().catch((thrown: unknown) => thrown);

    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.cause, cause);
  });
});
