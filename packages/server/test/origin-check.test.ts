// Which origins count as this server's own (same-origin, served without being listed in
// allowed_origins): the one the request was addressed to (its Host) and LOUPE_PUBLIC_URL,
// never one a client names in X-Forwarded-Host.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { seedDemoIfEmpty } from '../src/pages/demo/seed.js';
import {
  createTestContext,
  fakeWidgetBundle,
  type TestContext,
  type TestTenant,
} from './harness.js';

const PUBLIC_URL = 'https://loupe.example.com';

let plain: TestContext;
let proxied: TestContext;
let plainShop: TestTenant;
let proxiedShop: TestTenant;
let widgetsDir: string;

before(async () => {
  plain = await createTestContext();
  widgetsDir = fakeWidgetBundle();
  proxied = await createTestContext({
    env: { LOUPE_PUBLIC_URL: PUBLIC_URL, LOUPE_WIDGETS_DIR: widgetsDir },
  });
  // Seeds only an empty database: before any tenant is made.
  assert.ok(await seedDemoIfEmpty(proxied.services, { allowedOrigins: [], customerCount: 1 }));
  plainShop = await plain.createTenant({ name: 'Plain', allowed_origins: [] });
  proxiedShop = await proxied.createTenant({ name: 'Proxied', allowed_origins: [] });
});
after(async () => {
  await plain.close();
  await proxied.close();
  rmSync(widgetsDir, { recursive: true, force: true });
});

/** GET /v1/me at `url` (the address the request reached) with the given headers. */
async function me(ctx: TestContext, key: string, url: string, headers: Record<string, string>) {
  const res = await ctx.app.request(url, {
    headers: { Authorization: `Bearer ${key}`, ...headers },
  });
  return { status: res.status, body: await res.text() };
}

describe('the same-origin check', () => {
  it('serves a page from the host the request was addressed to', async () => {
    const res = await me(plain, plainShop.ownerKey, 'http://loupe.internal:4000/v1/me', {
      Origin: 'http://loupe.internal:4000',
    });
    assert.equal(res.status, 200, res.body);
  });

  it('does not take X-Forwarded-Host from the client as this server', async () => {
    const res = await me(plain, plainShop.ownerKey, 'http://loupe.internal:4000/v1/me', {
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'evil.example',
    });
    assert.equal(res.status, 403, res.body);
    assert.match(res.body, /origin_not_allowed/);
  });

  it('serves LOUPE_PUBLIC_URL behind a proxy that rewrites the Host, and only it', async () => {
    const ok = await me(proxied, proxiedShop.ownerKey, 'http://10.0.0.7:4000/v1/me', {
      Origin: PUBLIC_URL,
    });
    assert.equal(ok.status, 200, ok.body);
    const forged = await me(proxied, proxiedShop.ownerKey, 'http://10.0.0.7:4000/v1/me', {
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'evil.example',
    });
    assert.equal(forged.status, 403, forged.body);
  });

  it("gives the demo page LOUPE_PUBLIC_URL as the widgets' base URL", async () => {
    const res = await proxied.app.request('http://10.0.0.7:4000/demo');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<loupe-provider base-url="https:\/\/loupe\.example\.com"/);
  });
});

describe('LOUPE_PUBLIC_URL', () => {
  it('must be an http(s) origin', () => {
    for (const value of ['loupe.example.com', 'ftp://loupe.example.com', `${PUBLIC_URL}/api`]) {
      assert.throws(
        () => loadConfig({ LOUPE_DATA: 'memory', LOUPE_PUBLIC_URL: value }),
        (e: unknown) => e instanceof ConfigError && /LOUPE_PUBLIC_URL/.test(e.message),
        value,
      );
    }
    const config = loadConfig({ LOUPE_DATA: 'memory', LOUPE_PUBLIC_URL: `${PUBLIC_URL}/` });
    assert.equal(config.publicOrigin, PUBLIC_URL);
  });
});
