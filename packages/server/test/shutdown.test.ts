import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './spawn-server.js';

// SIGTERM on the real server process: the listening socket closes at once, a request already
// running completes, then the process exits 0.

const PLATFORM_KEY = `lpk_${randomBytes(16).toString('hex')}`;

/** Resolves true when a TCP connection to the port is refused, false when it is accepted. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Sends raw bytes and collects everything the server answers until it closes the socket. */
function openRaw(port: number): Promise<{ socket: Socket; response: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    const response = new Promise<string>((done) => {
      socket.setEncoding('utf8').on('data', (chunk: string) => {
        data += chunk;
      });
      socket.once('close', () => done(data));
    });
    socket.once('connect', () => resolve({ socket, response }));
    socket.once('error', reject);
  });
}

describe('shutdown', () => {
  it('drains: after SIGTERM new connections are refused and the request in flight completes', async () => {
    const server = startServer({
      LOUPE_DATA: 'memory',
      LOUPE_PLATFORM_KEY: PLATFORM_KEY,
      LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOUPE_DEMO: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const [, port] = await server.waitForOutput(/Loupe listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const portNumber = Number(port);

    // A tenant creation whose body is still arriving: the handler waits for the rest.
    const body = JSON.stringify({ name: 'Drained Jewellers', currency: 'AUD', country: 'AU' });
    const slow = await openRaw(portNumber);
    slow.socket.write(
      `POST /v1/platform/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${PLATFORM_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    // Once another request has been answered, the server has read the slow one's head.
    const health = await fetch(`http://127.0.0.1:${portNumber}/health`);
    assert.equal(health.status, 200);

    server.child.kill('SIGTERM');
    let closed = false;
    for (let attempt = 0; attempt < 200 && !closed; attempt++) {
      closed = await refused(portNumber);
      if (!closed) await sleep(25);
    }
    assert.ok(closed, 'new connections are refused after SIGTERM');
    assert.equal(server.child.exitCode, null, 'still running while a request is in flight');

    slow.socket.write(body.slice(10));
    const answer = await slow.response;
    assert.match(answer, /^HTTP\/1\.1 201 /, answer);
    assert.match(answer, /"name":"Drained Jewellers"/);

    assert.equal(await server.exited, 0, server.stderr());
    assert.match(server.stderr(), /"message":"shutting down"/);
  });
});
