// What the elements cost a theme page, measured with Lighthouse: a plain theme-like page
// (header, text, an image-less product section) served twice from its own origin — without the
// elements, and with <loupe-customer-hero> and <loupe-store-credit-ledger> loaded from the CDN
// build of a running Loupe server (in memory, with its demo shop) — three runs each on the
// mobile and desktop presets, interleaved. Prints the median performance score and CLS of each.
// Not in CI (minutes of runs); `pnpm --filter @loupe/widgets lighthouse`, after `build:cdn`.
// `-- --verify` measures the public /verify/{code} page instead (performance and accessibility).
//
// Lighthouse 12 (13 needs Node 22). Its `layout-shifts` audit crashes on Chromium 156
// ("frame_sequence"); it is skipped, the CLS metric itself is unaffected.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 3);
/** How the page takes the reserve stylesheet: `link` (the README's snippet) or `inline`. */
const STYLESHEET = process.env.STYLESHEET ?? 'link';
const PRESETS = ['mobile', 'desktop'];
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const widgets = fileURLToPath(new URL('..', import.meta.url));
const server = fileURLToPath(new URL('../../server', import.meta.url));
if (!existsSync(join(widgets, 'dist/cdn/loupe-customer-hero.js'))) {
  console.error('No dist/cdn/: run `pnpm --filter @loupe/widgets build:cdn` first.');
  process.exit(1);
}
process.env.CHROME_PATH ??= '/usr/bin/chromium';

/** A port nothing listens on now. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `tsx packages/server/src/main.ts` in memory with the demo; resolves with its owner key. */
async function startLoupe(port) {
  // Node itself, not the tsx CLI, so that killing the child stops the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: server,
    env: {
      ...process.env,
      LOUPE_DATA: 'memory',
      LOUPE_DEMO: '1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ownerKey = await new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`Loupe exited (${code}) before listening:\n${out}`)),
    );
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const key = /Owner secret key[^:]*: (\S+)/.exec(out)?.[1];
      if (key && out.includes('Loupe listening on')) resolve(key);
    });
  });
  return { child, ownerKey };
}

async function api(baseUrl, key, method, path, body) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A fresh demo staff session and the showcase customer, as the demo page renders them. */
async function demoSession(baseUrl) {
  const page = await (await fetch(`${baseUrl}/demo`)).text();
  const token = /token="([^"]+)"/.exec(page)?.[1];
  const customerId = /customer-id="([^"]+)"/.exec(page)?.[1];
  if (!token || !customerId) throw new Error('The demo page has no session token or customer');
  return { token, customerId };
}

const THEME_CSS = `
  body { margin: 0; font: 16px/1.6 Georgia, serif; color: #222; background: #fbfaf7; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 16px 24px; border-bottom: 1px solid #e5e0d8; }
  header nav a { margin-left: 16px; color: #222; text-decoration: none; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 2rem; margin: 0 0 8px; }
  .product { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 24px; margin-top: 32px; }
  .product .swatch { aspect-ratio: 1; background: linear-gradient(135deg, #efe6d2, #d8c7a3); border-radius: 8px; }
  .product button { padding: 12px 24px; background: #222; color: #fff; border: 0; border-radius: 4px; font: inherit; }
  .loupe { margin-top: 24px; display: grid; gap: 16px; }
  footer { padding: 24px; border-top: 1px solid #e5e0d8; text-align: center; color: #555; }`;

/** The theme page; with `loupe`, the two elements sit above the product, as an account block would. */
function themePage(loupe) {
  // As the README's snippet: the reserve stylesheet, then the entries.
  const scripts = loupe
    ? [
        STYLESHEET === 'inline'
          ? `<style>${readFileSync(join(widgets, 'dist/cdn/loupe-widgets.css'), 'utf8')}</style>`
          : `<link rel="stylesheet" href="${loupe.baseUrl}/widgets/loupe-widgets.css">`,
        ...['loupe-provider.js', 'loupe-customer-hero.js', 'loupe-store-credit-ledger.js'].map(
          (entry) => `<script type="module" src="${loupe.baseUrl}/widgets/${entry}"></script>`,
        ),
      ].join('\n  ')
    : '';
  const block = loupe
    ? `<loupe-provider class="loupe" base-url="${loupe.baseUrl}" token="${loupe.token}" locale="en-AU" currency="AUD">
        <loupe-customer-hero customer-id="${loupe.customerId}"></loupe-customer-hero>
        <loupe-store-credit-ledger customer-id="${loupe.customerId}"></loupe-store-credit-ledger>
      </loupe-provider>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="Harlow &amp; Finch Jewellers: fine jewellery, made and mended in Melbourne.">
  <title>Your account · Harlow &amp; Finch Jewellers</title>
  <style>${THEME_CSS}</style>
  ${scripts}
</head>
<body>
  <header><strong>Harlow &amp; Finch</strong><nav><a href="#">Rings</a><a href="#">Necklaces</a><a href="#">Account</a></nav></header>
  <main>
    <h1>Welcome back</h1>
    <p>Your orders, your store credit and the pieces we look after for you, in one place. Book a
      resize, a clean or a valuation at the counter or online; we keep your ring size and
      preferences on file so the next piece fits the first time.</p>
    ${block}
    <section class="product" aria-label="Recommended for you">
      <div class="swatch" role="img" aria-label="Solitaire ring in 18ct yellow gold"></div>
      <div>
        <h2>Solitaire ring, 18ct yellow gold</h2>
        <p>A 0.5 ct round brilliant in a six-claw setting, made to your size in our workshop in
          four weeks. Complimentary resizing in the first year.</p>
        <p><strong>A$4,850</strong></p>
        <button type="button">Book a viewing</button>
      </div>
    </section>
  </main>
  <footer>Harlow &amp; Finch Jewellers · Collins Street, Melbourne</footer>
</body>
</html>`;
}

async function startTheme(loupeBaseUrl) {
  const theme = createServer(async (request, response) => {
    try {
      const withElements = request.url === '/with-elements';
      const loupe = withElements
        ? { baseUrl: loupeBaseUrl, ...(await demoSession(loupeBaseUrl)) }
        : undefined;
      response.writeHead(request.url === '/' || withElements ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(request.url === '/' || withElements ? themePage(loupe) : 'Not found');
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve) => theme.listen(0, '127.0.0.1', resolve));
  return theme;
}

/** One Lighthouse run; resolves with the performance score (0–100) and CLS. */
const METRIC_NAMES = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'speed-index': 'SI',
};

async function lighthouse(url, preset, outDir, name, categories = ['performance']) {
  const output = join(outDir, `${name}.json`);
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${categories.join(',')}`,
    '--skip-audits=layout-shifts',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
  ];
  const child = spawn(join(widgets, 'node_modules/.bin/lighthouse'), args, { stdio: 'inherit' });
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`lighthouse ${name} exited ${code}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  if (report.runtimeError) throw new Error(`${name}: ${report.runtimeError.message}`);
  return {
    score: Math.round(report.categories.performance.score * 100),
    accessibility: report.categories.accessibility
      ? Math.round(report.categories.accessibility.score * 100)
      : null,
    cls: report.audits['cumulative-layout-shift'].numericValue,
    // Where the points go: each metric's own score (0–100) and value.
    metrics: [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'speed-index',
    ]
      .map((id) => {
        const audit = report.audits[id];
        return `${METRIC_NAMES[id]} ${Math.round(audit.numericValue)} ms (${Math.round(audit.score * 100)})`;
      })
      .join(', '),
  };
}

/**
 * `--shifts`: instead of Lighthouse, loads the page with the elements in Chromium at each
 * preset's width and prints every layout shift with the nodes that moved, to find the culprit.
 */
async function printShifts(url) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH,
    args: CHROME_FLAGS.filter((flag) => flag !== '--headless=new'),
  });
  try {
    for (const [preset, width, height] of [
      ['mobile', 412, 823],
      ['desktop', 1350, 940],
    ]) {
      const page = await browser.newPage();
      await page.setViewport({ width, height });
      await page.evaluateOnNewDocument(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            window.__shifts.push({
              at: Math.round(entry.startTime),
              value: entry.value.toFixed(4),
              sources: entry.sources.map((source) => {
                const node = source.node;
                const name = node
                  ? `${node.nodeName.toLowerCase()}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`
                  : '?';
                return `${name} y ${source.previousRect.y}→${source.currentRect.y} h ${source.previousRect.height}→${source.currentRect.height}`;
              }),
            });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(url, { waitUntil: 'networkidle0' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      console.log(
        `${preset} (${width}px):`,
        JSON.stringify(await page.evaluate(() => window.__shifts), null, 2),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const loupePort = await freePort();
const { child: loupe, ownerKey } = await startLoupe(loupePort);
const loupeBaseUrl = `http://127.0.0.1:${loupePort}`;
const theme = await startTheme(loupeBaseUrl);
const themeOrigin = `http://127.0.0.1:${theme.address().port}`;
const outDir = mkdtempSync(join(tmpdir(), 'loupe-lighthouse-'));
try {
  // The theme's origin may call the API with the demo shop's sessions, as README's snippet asks.
  const tenant = await api(loupeBaseUrl, ownerKey, 'GET', '/v1/tenant');
  await api(loupeBaseUrl, ownerKey, 'PATCH', '/v1/tenant', {
    allowed_origins: [...tenant.allowed_origins, themeOrigin],
  });

  const pages = { without: `${themeOrigin}/`, with: `${themeOrigin}/with-elements` };
  if (process.argv.includes('--verify')) {
    await measureVerify(loupeBaseUrl, ownerKey);
  } else if (process.argv.includes('--shifts')) {
    await printShifts(pages.with);
  } else {
    await measure(pages);
  }
} finally {
  theme.close();
  loupe.kill();
  rmSync(outDir, { recursive: true, force: true });
}

async function measure(pages) {
  const results = {};
  const loadBefore = loadavg()[0];
  for (const preset of PRESETS) {
    for (let run = 1; run <= RUNS; run++) {
      for (const [page, url] of Object.entries(pages)) {
        const result = await lighthouse(url, preset, outDir, `${preset}-${page}-${run}`);
        const key = `${preset} ${page}`;
        results[key] = [...(results[key] ?? []), result];
        console.error(
          `${preset} ${page} #${run}: score ${result.score}, CLS ${result.cls.toFixed(3)}; ${result.metrics}`,
        );
      }
    }
  }
  const loadAfter = loadavg()[0];

  console.log(
    `\nLighthouse 12.2.3, ${RUNS} runs each, median; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.\n`,
  );
  console.log('| preset  | page                | performance | CLS   | runs (score / CLS) |');
  console.log('| ------- | ------------------- | ----------- | ----- | ------------------ |');
  for (const preset of PRESETS) {
    for (const page of Object.keys(pages)) {
      const runs = results[`${preset} ${page}`];
      const label = page === 'with' ? 'with hero + ledger' : 'without elements';
      const each = runs.map((r) => `${r.score} / ${r.cls.toFixed(3)}`).join(', ');
      console.log(
        `| ${preset.padEnd(7)} | ${label.padEnd(19)} | ${String(median(runs.map((r) => r.score))).padEnd(11)} | ${median(runs.map((r) => r.cls)).toFixed(3)} | ${each} |`,
      );
    }
  }
}

/**
 * `--verify` (issue 14): the public `/verify/{code}` page a shopper opens from the QR card, for
 * an active passport and a stolen one, on the mobile preset: performance and accessibility.
 */
async function measureVerify(baseUrl, ownerKey) {
  const issue = (title) =>
    api(baseUrl, ownerKey, 'POST', '/v1/passports', {
      title,
      jewellery_type: 'ring',
      description: 'Hand-made in our Melbourne workshop; hallmarked 18ct.',
      metal: '18ct yellow gold',
      stones: [
        {
          kind: 'diamond',
          shape: 'round brilliant',
          count: 1,
          carat: 0.52,
          colour: 'F',
          clarity: 'VS1',
          cut: 'Excellent',
          lab: 'GIA',
          certificate_number: '2141438167',
        },
      ],
      owner_email: 'lighthouse@example.com',
    });
  const active = await issue('Solitaire engagement ring');
  const stolen = await issue('Eternity band');
  await api(baseUrl, ownerKey, 'POST', `/v1/passports/${stolen.id}/report-stolen`);
  const pages = {
    active: `${baseUrl}/verify/${active.code}`,
    stolen: `${baseUrl}/verify/${stolen.code}`,
  };
  const results = {};
  const loadBefore = loadavg()[0];
  for (let run = 1; run <= RUNS; run++) {
    for (const [page, url] of Object.entries(pages)) {
      const result = await lighthouse(url, 'mobile', outDir, `verify-${page}-${run}`, [
        'performance',
        'accessibility',
      ]);
      results[page] = [...(results[page] ?? []), result];
      console.error(
        `verify ${page} #${run}: performance ${result.score}, accessibility ${result.accessibility}; ${result.metrics}`,
      );
    }
  }
  console.log(
    `\nLighthouse 12.2.3 on /verify/{code}, mobile preset, ${RUNS} runs each, median; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after.\n`,
  );
  console.log(
    '| page             | performance | accessibility | runs (performance / accessibility) |',
  );
  console.log(
    '| ---------------- | ----------- | ------------- | ---------------------------------- |',
  );
  for (const [page, runs] of Object.entries(results)) {
    const each = runs.map((r) => `${r.score} / ${r.accessibility}`).join(', ');
    console.log(
      `| ${page.padEnd(16)} | ${String(median(runs.map((r) => r.score))).padEnd(11)} | ${String(median(runs.map((r) => r.accessibility))).padEnd(13)} | ${each} |`,
    );
  }
}
