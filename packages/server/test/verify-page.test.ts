import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createTestContext,
  fakeWidgetBundle,
  type TestContext,
  type TestTenant,
} from './harness.js';

// The public page a passport's QR code opens: server-rendered (works without JavaScript),
// loads nothing from elsewhere but the piece's photos, and can't hide a stolen report.

let ctx: TestContext;
let shop: TestTenant;
let widgetsDir: string;

before(async () => {
  widgetsDir = fakeWidgetBundle();
  writeFileSync(join(widgetsDir, 'loupe-passport-verifier.js'), 'export {};\n');
  ctx = await createTestContext({ env: { LOUPE_WIDGETS_DIR: widgetsDir } });
  shop = await ctx.createTenant({ name: 'Harbour & Vine' });
});
after(async () => {
  await ctx.close();
  rmSync(widgetsDir, { recursive: true, force: true });
});

async function issue() {
  const res = await ctx.request('POST', '/v1/passports', {
    key: shop.ownerKey,
    body: {
      title: 'Art deco <b>brooch</b>',
      jewellery_type: 'brooch',
      metal: 'platinum',
      stones: [{ kind: 'diamond', count: 12, carat: 0.05 }],
      owner_email: 'private.owner@example.com',
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

describe('GET /verify/{code}', () => {
  it('renders the piece on the server, with nothing about the owner', async () => {
    const p = await issue();
    const res = await ctx.request('GET', `/verify/${p.code}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.ok(res.text.includes('Art deco &lt;b&gt;brooch&lt;/b&gt;'), 'escaped');
    assert.ok(res.text.includes('Harbour &amp; Vine'));
    assert.ok(res.text.includes(`code="${p.code}"`));
    assert.ok(
      res.text.includes('<script type="module" src="/widgets/loupe-passport-verifier.js">'),
    );
    assert.doesNotMatch(res.text, /private\.owner|@example/);
    assert.doesNotMatch(res.text, /Reported stolen/);
  });

  it('has a strict CSP that loads nothing from another site', async () => {
    const p = await issue();
    const res = await ctx.request('GET', `/verify/${p.code}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.text)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(csp.includes(`'sha256-${hash}'`), 'the inline stylesheet is allowed by its hash');
    const urls = [...res.text.matchAll(/\s(?:src|href|action)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(urls.length >= 2);
    for (const url of urls) assert.match(url, /^(\/|data:)/, `${url} is this server's`);
  });

  it('shows a stolen report on the very next view, before any script runs', async () => {
    const p = await issue();
    await ctx.request('GET', `/verify/${p.code}`);
    await ctx.request('POST', `/v1/passports/${p.id}/report-stolen`, { key: shop.ownerKey });
    const res = await ctx.request('GET', `/verify/${p.code}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<div class="stolen" role="alert"><strong>⚠ Reported stolen<\/strong>/);
    assert.match(res.text, /Do not buy it/);
  });

  it('answers an unknown and a malformed code with the same page', async () => {
    const pages = [];
    for (const code of ['000-000-000-000-000-000-000', 'nonsense', '<script>x</script>']) {
      const res = await ctx.request('GET', `/verify/${encodeURIComponent(code)}`);
      pages.push({
        status: res.status,
        html: res.text.replaceAll(
          code.replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;')),
          'CODE',
        ),
      });
    }
    for (const page of pages) assert.deepEqual(page, pages[0]);
    assert.equal(pages[0]!.status, 404);
    assert.match(pages[0]!.html, /No passport has this code/);
    assert.doesNotMatch(pages[0]!.html, /<script>x/);
  });

  it('takes a typed code from the form without JavaScript', async () => {
    const res = await ctx.request('GET', '/verify?code=%20abc-def%20');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/verify/abc-def');
    const blank = await ctx.request('GET', '/verify');
    assert.equal(blank.status, 200);
    assert.match(blank.text, /<form action="\/verify" method="get">/);
  });
});

describe('verify page rate limit', () => {
  it('counts views against the client address and says when to retry', async () => {
    const limited = await createTestContext({
      env: { LOUPE_RATE_LIMIT_PER_MINUTE: '1000', LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: '2' },
    });
    try {
      assert.equal((await limited.request('GET', '/verify/abc')).status, 404);
      assert.equal((await limited.request('GET', '/verify/abc')).status, 404);
      const refused = await limited.request('GET', '/verify/abc');
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match(refused.text, /Try again in \d+ seconds/);
    } finally {
      await limited.close();
    }
  });
});
