import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffFields, REDACTED } from '../src/core/audit/diff.js';
import { credentialKind, generateApiKey } from '../src/core/auth/keys.js';
import { permissionsFor, roleAtLeast } from '../src/core/auth/permissions.js';
import { SessionTokens } from '../src/core/auth/session-token.js';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { open, seal } from '../src/core/crypto/envelope.js';
import { ApiError } from '../src/core/errors.js';
import { parseIfMatch } from '../src/core/http/if-match.js';
import { decodeCursor, encodeCursor } from '../src/core/http/pagination.js';
import { createIdGenerator } from '../src/core/ids.js';
import { createMemoryRateLimiter } from '../src/core/middleware/rate-limit.js';

describe('ids', () => {
  it('are prefixed, 26 chars after the prefix, and sort by creation time', () => {
    let t = 1_700_000_000_000;
    const ids = createIdGenerator(() => t);
    const first = ids('customer');
    t += 1;
    const second = ids('customer');
    assert.match(first, /^cus_[0-9a-hjkmnp-tv-z]{26}$/);
    assert.ok(first < second, `${first} should sort before ${second}`);
    assert.notEqual(ids('customer'), ids('customer'));
  });
});

describe('audit diff', () => {
  it('lists changed fields only, ignoring key order in objects', () => {
    const changes = diffFields(
      { a: 1, b: { x: 1, y: 2 }, c: 'same', d: null },
      { a: 2, b: { y: 2, x: 1 }, c: 'same', d: null },
      ['a', 'b', 'c', 'd'],
    );
    assert.deepEqual(changes, [{ field: 'a', before: 1, after: 2 }]);
  });
  it('redacts encrypted fields on both sides but still reports the change', () => {
    const changes = diffFields(
      { phone: '0412 345 678' },
      { phone: '0499 999 999' },
      ['phone'],
      new Set(['phone']),
    );
    assert.deepEqual(changes, [{ field: 'phone', before: REDACTED, after: REDACTED }]);
    const cleared = diffFields({ phone: '0412' }, { phone: null }, ['phone'], new Set(['phone']));
    assert.deepEqual(cleared, [{ field: 'phone', before: REDACTED, after: null }]);
  });
  it('reports every set field of a creation', () => {
    assert.deepEqual(diffFields(null, { a: 'x', b: null, c: [] }, ['a', 'b', 'c']), [
      { field: 'a', before: null, after: 'x' },
      { field: 'c', before: null, after: [] },
    ]);
  });
});

describe('keys and permissions', () => {
  it('mints high-entropy keys classified by prefix', () => {
    const key = generateApiKey('secret');
    assert.match(key, /^sk_live_[0-9A-Za-z]{32}$/);
    assert.equal(credentialKind(key), 'secret');
    assert.equal(credentialKind(generateApiKey('publishable')), 'publishable');
    assert.equal(credentialKind('Basic abc'), null);
  });
  it('owner keeps every permission whatever the override says', () => {
    assert.ok(permissionsFor('owner', { manager: [] }).includes('manage_keys'));
    assert.deepEqual(permissionsFor('staff', { staff: ['view_customers'] }), ['view_customers']);
    assert.ok(!permissionsFor('readonly', null).includes('edit_customer'));
    assert.ok(roleAtLeast('manager', 'staff'));
    assert.ok(!roleAtLeast('staff', 'manager'));
  });
});

describe('session tokens', () => {
  const tokens = new SessionTokens(randomBytes(32));
  const claims = {
    sid: 'ses_1',
    tenant_id: 'ten_1',
    kid: 'key_1',
    kind: 'customer' as const,
    customer_id: 'cus_1',
    exp: 1000,
  };
  it('verify what they signed until expiry', () => {
    const token = tokens.sign(claims);
    assert.deepEqual(tokens.verify(token, 999), claims);
    assert.equal(tokens.verify(token, 1000), null);
  });
  it('reject a tampered payload or another key’s signature', () => {
    const token = tokens.sign(claims);
    const [payload, sig] = token.slice(4).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, customer_id: 'cus_2' })).toString(
      'base64url',
    );
    assert.equal(tokens.verify(`lst_${forged}.${sig}`, 0), null);
    assert.equal(new SessionTokens(randomBytes(32)).verify(token, 0), null);
    assert.equal(tokens.verify(`lst_${payload}`, 0), null);
  });
});

describe('envelope encryption', () => {
  it('round-trips and refuses another context', () => {
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.from('0412 345 678'), 'customer:a');
    assert.equal(open(key, sealed, 'customer:a').toString(), '0412 345 678');
    assert.ok(!sealed.includes(Buffer.from('0412')));
    assert.throws(() => open(key, sealed, 'customer:b'));
  });
});

describe('http helpers', () => {
  it('cursor round-trips and bad cursors are validation errors', () => {
    assert.deepEqual(decodeCursor(encodeCursor([0.5, 'a']), ['number', 'string']), [0.5, 'a']);
    for (const bad of ['!!', encodeCursor(['a']), encodeCursor([1, 'a'])]) {
      assert.throws(
        () => decodeCursor(bad, ['string', 'string']),
        (e: unknown) => e instanceof ApiError && e.code === 'validation_failed',
      );
    }
  });
  it('If-Match accepts quoted, weak and bare versions', () => {
    assert.equal(parseIfMatch('"3"'), 3);
    assert.equal(parseIfMatch('W/"4"'), 4);
    assert.equal(parseIfMatch('5'), 5);
    assert.equal(parseIfMatch(undefined), null);
    assert.throws(() => parseIfMatch('abc'), ApiError);
  });
});

describe('rate limiter', () => {
  it('allows up to the limit per key, then refuses with the seconds until the refill', async () => {
    const limiter = createMemoryRateLimiter(2);
    assert.deepEqual(
      [(await limiter.take('a'))?.remaining, (await limiter.take('a'))?.remaining],
      [1, 0],
    );
    const refused = await limiter.take('a');
    assert.equal(refused?.allowed, false);
    assert.ok(refused && refused.resetSeconds > 0 && refused.resetSeconds <= 60);
    assert.equal((await limiter.take('b'))?.allowed, true, 'keys are separate');
  });
  it('keeps every key past 100k keys (no clearing of everyone’s allowance)', async () => {
    const limiter = createMemoryRateLimiter(1);
    assert.equal((await limiter.take('first'))?.allowed, true);
    for (let i = 0; i < 100_050; i++) await limiter.take(`k${i}`);
    assert.equal((await limiter.take('first'))?.allowed, false);
  });
});

describe('config', () => {
  it('has defaults', () => {
    const config = loadConfig({ LOUPE_DATA: 'memory' });
    assert.equal(config.port, 4000);
    assert.equal(config.demo, true);
    assert.deepEqual(config.storage, { engine: 'pglite', dataDir: null });
    assert.equal(
      config.rateLimitPerMinute,
      6000,
      '100/s per credential: a POS server key serves many tills',
    );
    assert.match(config.widgetsDir, /widgets[/\\]dist[/\\]cdn$/);
  });
  it('reads the widget bundle folder from LOUPE_WIDGETS_DIR and refuses one that is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-widgets-cfg-'));
    try {
      assert.equal(loadConfig({ LOUPE_DATA: 'memory', LOUPE_WIDGETS_DIR: dir }).widgetsDir, dir);
      assert.throws(
        () => loadConfig({ LOUPE_DATA: 'memory', LOUPE_WIDGETS_DIR: join(dir, 'nope') }),
        (e: unknown) => e instanceof ConfigError && /LOUPE_WIDGETS_DIR/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads LOUPE_TRUST_PROXY as proxy hops (0 by default) and refuses anything else', () => {
    assert.equal(loadConfig({ LOUPE_DATA: 'memory' }).trustProxy, 0);
    assert.equal(loadConfig({ LOUPE_DATA: 'memory', LOUPE_TRUST_PROXY: '2' }).trustProxy, 2);
    for (const bad of ['yes', '-1', '1.5', 'true']) {
      assert.throws(
        () => loadConfig({ LOUPE_DATA: 'memory', LOUPE_TRUST_PROXY: bad }),
        (e: unknown) => e instanceof ConfigError && /LOUPE_TRUST_PROXY/.test(e.message),
        bad,
      );
    }
  });
  it('keeps 0 as "rate limiting off"', () => {
    const config = loadConfig({ LOUPE_DATA: 'memory', LOUPE_RATE_LIMIT_PER_MINUTE: '0' });
    assert.equal(config.rateLimitPerMinute, 0);
  });
  it('names the bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ LOUPE_MASTER_KEY: 'short' }),
      (e: unknown) => e instanceof ConfigError && /LOUPE_MASTER_KEY/.test(e.message),
    );
  });
  it('keeps a generated master key beside the data folder, not in it, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-cfg-'));
    try {
      const dataDir = join(dir, 'data');
      const first = loadConfig({ LOUPE_DATA: dataDir });
      assert.ok(existsSync(`${dataDir}.key`));
      assert.ok(first.masterKeyNotice?.includes(`${dataDir}.key`));
      const second = loadConfig({ LOUPE_DATA: dataDir });
      assert.deepEqual(second.masterKey, first.masterKey);
      assert.equal(second.masterKeyNotice, null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('requires a master key with DATABASE_URL', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }),
      (e: unknown) => e instanceof ConfigError && /LOUPE_MASTER_KEY/.test(e.message),
    );
  });
});
