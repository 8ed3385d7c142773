// /widgets/* served the way a CDN would serve it to a theme on another origin: open CORS,
// immutable caching for content-hashed chunks, revalidation for the tag-named entries, strong
// ETags with 304s, gzip and brotli, and nothing outside the bundle's folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestContext, type TestContext } from './harness.js';

const SHOP = 'https://shop.example';
// Big and repetitive enough that compression pays, as the real bundle's files do.
const ENTRY_SOURCE = `import"./chunks/lit-AB12CD34.js";${'export const tag="loupe-provider";\n'.repeat(200)}`;
const CHUNK_SOURCE = `export const lit=1;${'/* lit */'.repeat(300)}`;

let root: string;
let widgetsDir: string;
let ctx: TestContext;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'loupe-widgets-cdn-'));
  widgetsDir = join(root, 'cdn');
  mkdirSync(join(widgetsDir, 'chunks'), { recursive: true });
  writeFileSync(join(widgetsDir, 'loupe-provider.js'), ENTRY_SOURCE);
  writeFileSync(join(widgetsDir, 'loupe-customer-hero.js'), 'export {};\n');
  writeFileSync(join(widgetsDir, 'chunks', 'lit-AB12CD34.js'), CHUNK_SOURCE);
  writeFileSync(join(widgetsDir, 'chunks', 'lit-AB12CD34.js.map'), '{"version":3}');
  writeFileSync(join(widgetsDir, '.hidden.js'), 'export const hidden = 1;\n');
  // Beside the bundle, never served.
  writeFileSync(join(root, 'secret.js'), 'export const secret = "outside";\n');
  ctx = await createTestContext({ env: { LOUPE_WIDGETS_DIR: widgetsDir } });
});
after(async () => {
  await ctx.close();
  rmSync(root, { recursive: true, force: true });
});

/** GET (or HEAD) through the full app, as a browser on another origin would ask. */
async function fetchWidget(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ res: Response; body: Buffer }> {
  const res = await ctx.app.request(`http://loupe.test${path}`, {
    method,
    headers: { Origin: SHOP, ...headers },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe('GET /widgets/* for a page on another origin', () => {
  it('lets any origin load an entry as a module script, and revalidate it', async () => {
    const { res, body } = await fetchWidget('/widgets/loupe-provider.js');
    assert.equal(res.status, 200);
    assert.equal(body.toString(), ENTRY_SOURCE);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    // Tag-named entries keep their URL across releases: caches must ask before reuse.
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.match(res.headers.get('etag') ?? '', /^"[^"]+"$/, 'a strong ETag');
    const vary = res.headers.get('vary') ?? '';
    assert.match(vary, /Accept-Encoding/);
    assert.doesNotMatch(vary, /Origin/, 'one cached copy serves every origin');
  });

  it('caches content-hashed chunks for a year, immutable', async () => {
    const { res, body } = await fetchWidget('/widgets/chunks/lit-AB12CD34.js');
    assert.equal(res.status, 200);
    assert.equal(body.toString(), CHUNK_SOURCE);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('serves source maps as JSON', async () => {
    const { res } = await fetchWidget('/widgets/chunks/lit-AB12CD34.js.map');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  });

  it('answers 304 with no body when the ETag matches, 200 when it does not', async () => {
    const first = await fetchWidget('/widgets/loupe-provider.js');
    const etag = first.res.headers.get('etag')!;

    const again = await fetchWidget('/widgets/loupe-provider.js', { 'If-None-Match': etag });
    assert.equal(again.res.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.res.headers.get('etag'), etag);
    assert.equal(again.res.headers.get('cache-control'), 'no-cache');
    assert.equal(again.res.headers.get('access-control-allow-origin'), '*');

    const listed = await fetchWidget('/widgets/loupe-provider.js', {
      'If-None-Match': `"stale", ${etag}`,
    });
    assert.equal(listed.res.status, 304);
    const any = await fetchWidget('/widgets/loupe-provider.js', { 'If-None-Match': '*' });
    assert.equal(any.res.status, 304);

    const stale = await fetchWidget('/widgets/loupe-provider.js', { 'If-None-Match': '"stale"' });
    assert.equal(stale.res.status, 200);
    assert.equal(stale.body.toString(), ENTRY_SOURCE);
  });

  it('compresses with brotli or gzip as the client accepts, each with its own ETag', async () => {
    const identity = await fetchWidget('/widgets/loupe-provider.js');
    const br = await fetchWidget('/widgets/loupe-provider.js', {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    assert.equal(br.res.status, 200);
    assert.equal(br.res.headers.get('content-encoding'), 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), ENTRY_SOURCE);
    assert.ok(br.body.length < ENTRY_SOURCE.length / 4, `br is ${br.body.length} bytes`);
    assert.equal(br.res.headers.get('content-length'), String(br.body.length));

    const gzip = await fetchWidget('/widgets/loupe-provider.js', {
      'Accept-Encoding': 'br;q=0, gzip',
    });
    assert.equal(gzip.res.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(gzip.body).toString(), ENTRY_SOURCE);

    const plain = await fetchWidget('/widgets/loupe-provider.js', {
      'Accept-Encoding': 'identity',
    });
    assert.equal(plain.res.headers.get('content-encoding'), null);
    assert.equal(plain.body.toString(), ENTRY_SOURCE);

    const etags = [identity, br, gzip].map((r) => r.res.headers.get('etag'));
    assert.equal(new Set(etags).size, 3, `one ETag per representation: ${etags.join(' ')}`);
    for (const r of [br, gzip]) assert.match(r.res.headers.get('vary') ?? '', /Accept-Encoding/);

    const revalidated = await fetchWidget('/widgets/loupe-provider.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': br.res.headers.get('etag')!,
    });
    assert.equal(revalidated.res.status, 304);
  });

  it('sends a tiny file uncompressed when compression would not shrink it', async () => {
    const { res, body } = await fetchWidget('/widgets/loupe-customer-hero.js', {
      'Accept-Encoding': 'gzip, br',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), null);
    assert.equal(body.toString(), 'export {};\n');
  });

  it('answers HEAD with the headers and no body', async () => {
    const { res, body } = await fetchWidget('/widgets/loupe-provider.js', {}, 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(body.length, 0);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('etag') ?? '', /^"/);
  });

  it('serves a rebuilt file with a new ETag', async () => {
    const file = join(widgetsDir, 'loupe-customer-hero.js');
    const before = await fetchWidget('/widgets/loupe-customer-hero.js');
    writeFileSync(file, 'export const rebuilt = true;\n');
    // A rebuild within the same millisecond still changes the size; move mtime to be sure.
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const after = await fetchWidget('/widgets/loupe-customer-hero.js', {
      'If-None-Match': before.res.headers.get('etag')!,
    });
    assert.equal(after.res.status, 200);
    assert.equal(after.body.toString(), 'export const rebuilt = true;\n');
    assert.notEqual(after.res.headers.get('etag'), before.res.headers.get('etag'));
  });

  it('answers 404 for anything outside the folder, hidden, or not a file', async () => {
    const paths = [
      '/widgets/missing.js',
      '/widgets/',
      '/widgets/chunks',
      '/widgets/chunks/',
      '/widgets/.hidden.js',
      '/widgets/../secret.js',
      '/widgets/%2e%2e/secret.js',
      '/widgets/%2E%2E%2Fsecret.js',
      '/widgets/chunks/..%2F..%2Fsecret.js',
      '/widgets/..%5csecret.js',
      '/widgets/%252e%252e/secret.js',
      '/widgets//etc/passwd',
      '/widgets/%2Fetc%2Fpasswd',
      '/widgets/loupe-provider.js%00.map',
    ];
    for (const path of paths) {
      const { res, body } = await fetchWidget(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(body.toString(), /outside|root:/, path);
    }
  });
});
