import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebhookWorker } from '../../server/src/resources/webhooks/delivery-worker.js';
import {
  createLoupe,
  type Loupe,
  PermissionError,
  ValidationError,
  verifyWebhook,
  WebhookVerificationError,
} from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver: each delivery resolves the oldest waiting `next()`. */
let receiver: Server;
let receiverUrl: string;
const arrived: Delivery[] = [];
const waiting: ((d: Delivery) => void)[] = [];
const next = () =>
  new Promise<Delivery>((resolve) => {
    const ready = arrived.shift();
    if (ready) resolve(ready);
    else waiting.push(resolve);
  });

let server: InProcessServer;
let loupe: Loupe;
let worker: WebhookWorker;

before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(204).end();
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const waiter = waiting.shift();
      if (waiter) waiter(delivery);
      else arrived.push(delivery);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/loupe`;
  server = await startInProcessServer(
    { LOUPE_WEBHOOKS_ALLOW_PRIVATE: '1' },
    {
      beforeApp: (services) => {
        worker = new WebhookWorker(services);
        services.workers.add(worker);
      },
    },
  );
  loupe = await newTenantClient(server, 'Webhooks & Co');
});
after(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhooks against the real server', () => {
  it('registers, lists, updates, rotates and deletes endpoints; the secret only on create and rotate', async () => {
    const created = await loupe.webhookEndpoints.create({
      url: receiverUrl,
      event_types: ['sale.created'],
      description: 'Till',
    });
    assert.match(created.secret, /^whsec_/);
    const read = await loupe.webhookEndpoints.retrieve(created.id);
    assert.equal('secret' in read, false);
    const all = [];
    for await (const endpoint of loupe.webhookEndpoints.list()) all.push(endpoint.id);
    assert.ok(all.includes(created.id));
    const off = await loupe.webhookEndpoints.update(
      created.id,
      { enabled: false },
      { ifMatch: read.version },
    );
    assert.equal(off.enabled, false);
    const rotated = await loupe.webhookEndpoints.rotateSecret(created.id, {
      keep_previous_for_seconds: 0,
    });
    assert.notEqual(rotated.secret, created.secret);
    const page = await loupe.webhookEndpoints.deliveries(created.id);
    assert.deepEqual(page.data, []);
    await loupe.webhookEndpoints.delete(created.id);
    await assert.rejects(loupe.webhookEndpoints.retrieve(created.id), { status: 404 });

    await assert.rejects(
      loupe.webhookEndpoints.create({ url: 'ftp://x.example.com', event_types: ['sale.created'] }),
      (error: unknown) =>
        error instanceof ValidationError && !!error.errors?.some((e) => e.path === 'url'),
    );
    const { token } = await loupe.sessions.create({
      type: 'staff',
      role: 'owner',
      staff_name: 'Priya',
    });
    const session = createLoupe({ baseUrl: SERVER_URL, token, fetch: server.fetch });
    await assert.rejects(session.webhookEndpoints.list(), PermissionError);
  });

  it('verifyWebhook accepts a real delivery and refuses a tampered body, a wrong secret and a stale timestamp', async () => {
    const endpoint = await loupe.webhookEndpoints.create({
      url: receiverUrl,
      event_types: ['customer.created', 'customer.updated'],
    });
    const customer = await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen' });
    const delivery = await next();

    const event = await verifyWebhook(delivery.body, delivery.headers, endpoint.secret);
    assert.equal(event.type, 'customer.created');
    assert.equal(event.id, delivery.headers['webhook-id']);
    if (event.type === 'customer.created') assert.equal(event.data.customer_id, customer.id);
    // A Fetch API `Headers` (edge runtimes) and raw bytes work the same.
    const asHeaders = new Headers(delivery.headers as Record<string, string>);
    await verifyWebhook(new TextEncoder().encode(delivery.body), asHeaders, endpoint.secret);

    const tampered = delivery.body.replace(customer.id, 'cus_someone_else');
    await assert.rejects(
      verifyWebhook(tampered, delivery.headers, endpoint.secret),
      WebhookVerificationError,
    );
    const other = await loupe.webhookEndpoints.create({
      url: `${receiverUrl}/other`,
      event_types: ['loyalty.adjusted'],
    });
    await assert.rejects(
      verifyWebhook(delivery.body, delivery.headers, other.secret),
      /No matching signature/,
    );
    const sentAt = Number(delivery.headers['webhook-timestamp']) * 1000;
    await assert.rejects(
      verifyWebhook(delivery.body, delivery.headers, endpoint.secret, {
        now: new Date(sentAt + 6 * 60_000),
      }),
      /more than 300 seconds/,
    );
    await assert.rejects(
      verifyWebhook(
        delivery.body,
        // A fresh timestamp on an old delivery (a replay) doesn't match the signature.
        { ...delivery.headers, 'webhook-timestamp': String(sentAt / 1000 + 1) },
        endpoint.secret,
      ),
      /No matching signature/,
    );
    await assert.rejects(
      verifyWebhook(delivery.body, { 'webhook-id': 'evt_x' }, endpoint.secret),
      /Missing/,
    );

    await loupe.customers.update(customer.id, { ring_size: 'N' });
    const second = await next();
    const updated = await verifyWebhook(second.body, second.headers, endpoint.secret);
    assert.equal(updated.type, 'customer.updated');
    if (updated.type === 'customer.updated') {
      assert.deepEqual(updated.data, { customer_id: customer.id, changed_fields: ['ring_size'] });
    }

    await worker.idle();
    const log = await loupe.webhookEndpoints.deliveries(endpoint.id);
    assert.equal(log.data.length, 2);
    assert.ok(log.data.every((d) => d.status === 'delivered' && d.last_status_code === 204));
  });
});
