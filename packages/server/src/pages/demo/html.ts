import { escapeHtml } from '../html.js';
import { DEMO_WIDGET_ENTRIES, DEMO_WIDGET_STYLESHEET } from '../widgets/dir.js';

/** The page's own script (served by `demoPageRoutes`): what a host app does with the events. */
export const DEMO_PAGE_SCRIPT = '/demo/page.js';

/**
 * The demo shop has no repair or sale pages of its own, so where a real back office would
 * route, the page says what it would open; the tab chosen goes into the URL, so a reload (or a
 * shared link) opens the same tab.
 */
export const DEMO_PAGE_JS = `const toast = document.querySelector('.toast');
let timer;
function say(text) {
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { toast.hidden = true; }, 4000);
}
const words = (kind) => kind.replace(/_/g, ' ');
document.addEventListener('loupe-navigate', (event) => {
  if (event.detail.kind === 'customer') return;
  event.preventDefault();
  say('Your back office would open ' + words(event.detail.kind) + ' ' + event.detail.id + ' here.');
});
document.addEventListener('loupe-create', (event) => {
  event.preventDefault();
  say('Your back office would open a new ' + words(event.detail.kind) + ' for this customer here.');
});
// A saved customer (new, edited, archived) opens its page, where the hero shows what was saved.
document.addEventListener('loupe-customer-saved', (event) => {
  location.assign('/demo?customer=' + encodeURIComponent(event.detail.customer.id));
});
document.addEventListener('loupe-tab-change', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('tab', event.detail.tab);
  history.replaceState(null, '', url);
});
`;

/** What the demo page shows; all of it is safe to put in a page (no secret key). */
export interface DemoPageModel {
  shopName: string;
  /** The API origin the widgets call, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** A short-lived staff session token (manager role) for the demo tenant. */
  token: string;
  /** When the session ends, as an instant. */
  tokenExpiresAt: Date;
  customerId: string;
  customerName: string;
  /** The history tab to open (`?tab=`), already checked against the element's tabs. */
  tab: string;
  /** `?edit=1`: the form at the foot edits this customer instead of adding one. */
  editing: boolean;
  currency: string;
  locale: string;
  /** Where the widget bundle is served, e.g. `/widgets`. */
  widgetsPath: string;
  widgetsBuilt: boolean;
}

const STYLES = `
:root {
  color-scheme: light;
  --ink: #1d1a16; --muted: #6b6257; --line: #e7e0d6; --paper: #faf7f2; --brand: #2f3b2f;
  --gold: #b08d57;
  --loupe-font-family: "Inter", system-ui, -apple-system, "Segoe UI", sans-serif;
  --loupe-color-accent: var(--brand);
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 var(--loupe-font-family); color: var(--ink); background: var(--paper); }
header.bar { display: flex; align-items: center; gap: 2rem; padding: 0.75rem 2rem; background: var(--brand); color: #fff; }
header.bar .shop { font-weight: 600; letter-spacing: 0.02em; }
header.bar .shop small { display: block; font-weight: 400; opacity: 0.75; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.12em; }
header.bar nav { display: flex; gap: 1.25rem; font-size: 0.9rem; }
header.bar nav span { opacity: 0.7; }
header.bar nav span[aria-current] { opacity: 1; border-bottom: 2px solid var(--gold); padding-bottom: 2px; }
header.bar .staff { margin-left: auto; font-size: 0.85rem; opacity: 0.85; }
@media (max-width: 40rem) {
  header.bar { flex-wrap: wrap; gap: 0.5rem 1.25rem; padding: 0.75rem 1rem; }
  header.bar nav { order: 3; width: 100%; overflow-x: auto; }
  main { padding: 1rem 1rem 2rem; }
}
main { max-width: 78rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
.crumbs { color: var(--muted); font-size: 0.85rem; margin: 0 0 0.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; font-weight: 600; }
.about { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--gold); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1.5rem; color: var(--muted); font-size: 0.9rem; }
.about code { background: var(--paper); padding: 0 0.25rem; border-radius: 4px; }
.stack { display: grid; gap: 1.25rem; }
.toast { position: fixed; inset-inline: 1rem; bottom: 1rem; margin: 0 auto; max-width: 32rem; background: var(--ink); color: #fff; border-radius: 8px; padding: 0.75rem 1rem; font-size: 0.9rem; box-shadow: 0 6px 24px rgb(0 0 0 / 0.2); }
.toast[hidden] { display: none; }
.finder { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-bottom: 1.5rem; }
.finder loupe-customer-search { flex: 1 1 18rem; }
.finder a { color: var(--brand); font-weight: 600; }
h2.section { font-size: 1.1rem; margin: 2.5rem 0 0.75rem; font-weight: 600; }
.notice { background: #fff7e6; border: 1px solid #f0d9a8; border-radius: 8px; padding: 1rem 1.25rem; }
.notice pre { background: #fff; border: 1px solid var(--line); padding: 0.5rem 0.75rem; border-radius: 6px; overflow-x: auto; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; padding: 2rem; }
`;

function layout(title: string, shopName: string, content: string, head = ''): string {
  return `<!doctype html>
<html lang="en-AU">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)}</title>
  <style>${STYLES}</style>
${head}</head>
<body>
  <header class="bar">
    <div class="shop">${escapeHtml(shopName)}<small>Back office</small></div>
    <nav aria-label="Sections">
      <span aria-current="page">Customers</span><span>Repairs</span><span>Bespoke</span><span>Reports</span>
    </nav>
    <div class="staff">Signed in as Demo Manager</div>
  </header>
  <main>
${content}
  </main>
  <footer>Loupe demo · data is generated and resets with a fresh database · <a href="/docs">API reference</a></footer>
</body>
</html>
`;
}

/**
 * The demo page, a jeweller's customer page: the customer search on top, then the chosen
 * customer's hero card with the history tabs beneath, and the new-customer form at the foot.
 */
export function renderDemoPage(model: DemoPageModel): string {
  const about = `<p class="about">This is Loupe's demo shop, generated on this server's first start. The card
    and the tabs below are <code>&lt;loupe-customer-hero&gt;</code> and
    <code>&lt;loupe-customer-history&gt;</code>, with <code>&lt;loupe-customer-search&gt;</code>
    above to find another customer and <code>&lt;loupe-customer-form&gt;</code> below to add one (or, after Edit details, to edit this one), calling this server's API with a staff session
    that ends at <time datetime="${model.tokenExpiresAt.toISOString()}">${model.tokenExpiresAt.toISOString().slice(11, 16)} UTC</time>; reload the page for a fresh one. Open
    Repairs, pin a note, or adjust the store credit (a debit larger than the balance is refused).</p>`;

  if (!model.widgetsBuilt) {
    const notice = `${about}
    <div class="notice" role="status">
      <strong>The widget bundle has not been built yet.</strong>
      <p>Build it once from the repository root, then reload this page:</p>
      <pre><code>pnpm --filter @loupe/widgets build:cdn</code></pre>
      <p>(<code>pnpm start</code> at the root does this for you.)</p>
    </div>`;
    return layout(`${model.customerName} · ${model.shopName}`, model.shopName, page(model, notice));
  }

  // As the README's snippet: the stylesheet that reserves the cards' space, then the entries.
  const scripts =
    `  <link rel="stylesheet" href="${escapeHtml(`${model.widgetsPath}/${DEMO_WIDGET_STYLESHEET}`)}">\n` +
    DEMO_WIDGET_ENTRIES.map(
      (entry) =>
        `  <script type="module" src="${escapeHtml(`${model.widgetsPath}/${entry}`)}"></script>\n`,
    ).join('') +
    `  <script type="module" src="${DEMO_PAGE_SCRIPT}"></script>\n`;
  const id = escapeHtml(model.customerId);
  const here = `/demo?customer=${encodeURIComponent(model.customerId)}`;
  // "New customer" leads to the form at the foot in its adding mode; "Edit details" to it
  // editing this customer.
  const newCustomer = escapeHtml(`${model.editing ? here : ''}#new-customer`);
  const form = model.editing
    ? `<h2 class="section" id="edit-customer">Edit details</h2>
      <loupe-customer-form customer-id="${id}"></loupe-customer-form>`
    : `<h2 class="section" id="new-customer">Add a customer</h2>
      <loupe-customer-form></loupe-customer-form>`;
  // A chosen search result opens its page (the `customer` link template). No script of the
  // page's own: its policy allows only ours.
  const links = escapeHtml(
    JSON.stringify({ customer: '/demo?customer={id}', 'customer-new': newCustomer }),
  );
  const widgets = `${about}
    <loupe-provider base-url="${escapeHtml(model.baseUrl)}" token="${escapeHtml(model.token)}"
      locale="${escapeHtml(model.locale)}" currency="${escapeHtml(model.currency)}" links="${links}">
      <div class="finder">
        <loupe-customer-search></loupe-customer-search>
        <a href="${escapeHtml(`${here}&edit=1#edit-customer`)}">Edit details</a>
        <a href="${newCustomer}">+ New customer</a>
      </div>
      <div class="stack">
        <loupe-customer-hero customer-id="${id}"></loupe-customer-hero>
        <loupe-customer-history customer-id="${id}" tab="${escapeHtml(model.tab)}"></loupe-customer-history>
      </div>
      ${form}
    </loupe-provider>
    <p class="toast" role="status" hidden></p>`;
  return layout(
    `${model.customerName} · ${model.shopName}`,
    model.shopName,
    page(model, widgets),
    scripts,
  );
}

function page(model: DemoPageModel, body: string): string {
  return `    <p class="crumbs">Customers › ${escapeHtml(model.customerName)}</p>
    <h1>${escapeHtml(model.customerName)}</h1>
    ${body}`;
}

/**
 * Shown when this server has no demo tenant (started with `LOUPE_DEMO=0` or a used database),
 * or when its owner revoked the "Demo page" key that the page's sessions are signed under.
 */
export function renderDemoUnavailablePage(reason: 'no-demo' | 'key-revoked' = 'no-demo'): string {
  if (reason === 'key-revoked') {
    return layout(
      'Loupe demo',
      'Loupe',
      `    <h1>The demo page is turned off</h1>
    <div class="notice" role="status">
      <p>The demo page key was revoked (or this demo was made before the page had one), so the
      page no longer opens sessions for the demo shop. The shop's data is untouched.</p>
      <p>To see the demo again, start the server on a fresh data folder:</p>
      <pre><code>LOUPE_DATA=./.loupe-demo pnpm start</code></pre>
    </div>`,
    );
  }
  return layout(
    'Loupe demo',
    'Loupe',
    `    <h1>No demo shop on this server</h1>
    <div class="notice" role="status">
      <p>The demo shop is created on the first start against an empty database, unless
      <code>LOUPE_DEMO=0</code> is set (which also keeps this page off). This server's database
      already held data, or the demo was turned off.</p>
      <p>To see it, start the server on a fresh data folder:</p>
      <pre><code>LOUPE_DATA=./.loupe-demo pnpm start</code></pre>
    </div>`,
  );
}
