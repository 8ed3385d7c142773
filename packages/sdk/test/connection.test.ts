import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { ConnectionError, createLoupe } from '../src/index.js';

/** A loopback port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

describe('a server that cannot be reached', () => {
  it('ConnectionError names the URL and the system error, not just "fetch failed"', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const loupe = createLoupe({ baseUrl, apiKey: 'sk_test', maxRetries: 0 });

    const error = await loupe.customers.retrieve('cus_1').catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.code, 'connection_error');
    assert.equal(
      error.message,
      `Could not reach the Loupe server at GET ${baseUrl}/v1/customers/cus_1 (ECONNREFUSED)`,
    );
    assert.ok(error.cause instanceof Error, 'the fetch error stays available as cause');
  });

  it('leaves the query string, which may hold a person’s name, out of the message', async () => {
    const port = await closedPort();
    const loupe = createLoupe({
      baseUrl: `http://localhost:${port}/loupe`,
      apiKey: 'sk_test',
      maxRetries: 0,
    });

    const error = await loupe.customers.list({ q: 'Mei Chen' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    assert.ok(error instanceof ConnectionError, String(error));
    assert.match(
      error.message,
      new RegExp(`localhost:${port}/loupe/v1/customers \\(ECONNREFUSED\\)$`),
    );
    assert.doesNotMatch(error.message, /Mei|Chen|q=/);
  });
});
