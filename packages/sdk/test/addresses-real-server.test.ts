import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Loupe, NotFoundError, ValidationError, VersionConflictError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;

before(async () => {
  server = await startInProcessServer();
  loupe = await newTenantClient(server, 'Post & Co');
});
after(() => server.close());

describe('customers.addresses against the real server', () => {
  it('keeps a shipping and a billing address, with `address` the default', async () => {
    const created = await loupe.customers.create({
      first_name: 'Eleanor',
      address: { line1: '14 Jersey Road', suburb: 'Woollahra' },
    });
    const [home] = created.addresses;
    assert.equal(home?.kind, 'home');
    assert.equal(home?.is_default, true);

    const withShipping = await loupe.customers.addresses.add(
      created.id,
      { kind: 'shipping', label: 'Studio', line1: '2 Kiln Lane', suburb: 'Marrickville' },
      { ifMatch: created.version },
    );
    const shipping = withShipping.addresses.find((a) => a.kind === 'shipping');
    assert.ok(shipping);
    assert.equal(shipping.is_default, false);

    const stale = await loupe.customers.addresses
      .update(created.id, shipping.id, { postcode: '2204' }, { ifMatch: created.version })
      .catch((e: unknown) => e);
    assert.ok(stale instanceof VersionConflictError, String(stale));

    const updated = await loupe.customers.addresses.update(
      created.id,
      shipping.id,
      { postcode: '2204' },
      { ifMatch: withShipping.version },
    );
    const made = await loupe.customers.addresses.makeDefault(created.id, shipping.id, {
      ifMatch: updated.version,
    });
    assert.equal(made.address?.line1, '2 Kiln Lane');
    assert.equal(made.address?.postcode, '2204');

    const bad = await loupe.customers.addresses
      .add(created.id, { kind: 'billing' })
      .catch((e: unknown) => e);
    assert.ok(bad instanceof ValidationError, String(bad));
    assert.equal(bad.errors?.[0]?.path, 'line1');

    const missing = await loupe.customers.addresses
      .remove(created.id, 'adr_missing')
      .catch((e: unknown) => e);
    assert.ok(missing instanceof NotFoundError, String(missing));

    const removed = await loupe.customers.addresses.remove(created.id, shipping.id);
    assert.deepEqual(
      removed.addresses.map((a) => [a.id, a.is_default]),
      [[home?.id, true]],
    );
    assert.equal(removed.address?.line1, '14 Jersey Road');
  });
});
