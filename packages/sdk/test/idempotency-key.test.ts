import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { newIdempotencyKey } from '../src/core/idempotency-key.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const { randomUUID } = globalThis.crypto;

describe('newIdempotencyKey', () => {
  afterEach(() => {
    globalThis.crypto.randomUUID = randomUUID;
  });

  it('is a v4 UUID, different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    assert.equal(keys.size, 100);
    for (const key of keys) assert.match(key, UUID_V4);
  });

  it('still works where randomUUID is missing (a page on plain http)', () => {
    // @ts-expect-error simulating an insecure browser context, where randomUUID is undefined
    globalThis.crypto.randomUUID = undefined;
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    assert.equal(keys.size, 100);
    for (const key of keys) assert.match(key, UUID_V4);
  });
});
