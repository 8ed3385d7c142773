import { createHash } from 'node:crypto';
import type { PublicPassport } from '../../resources/passports/schemas.js';
import { escapeHtml } from '../html.js';

/** The verifier's entry in the widgets' CDN build; the page works without it too. */
export const VERIFY_WIDGET_ENTRY = 'loupe-passport-verifier.js';

const STYLES = `
:root { color-scheme: light; --ink: #1d1a16; --muted: #5f574d; --line: #e7e0d6; --paper: #faf7f2;
  --loupe-font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 var(--loupe-font-family); color: var(--ink); background: var(--paper); }
main { max-width: 36rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.375rem; margin: 0 0 1rem; }
loupe-passport-verifier { display: block; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.25rem; }
.card h2 { font-size: 1.25rem; margin: 0 0 0.25rem; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.75rem 0 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.stolen { background: #fde8e8; border: 3px solid #b3261e; color: #5c0f0b; border-radius: 12px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
.stolen strong { display: block; font-size: 1.25rem; }
.notice { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.25rem; }
form { margin-top: 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
label { display: grid; gap: 0.25rem; flex: 1 1 14rem; }
input { font: inherit; padding: 0.625rem 0.75rem; border: 1px solid #8a8178; border-radius: 8px; text-transform: uppercase; }
button { font: inherit; padding: 0.625rem 1rem; border: 0; border-radius: 8px; background: #2f3b2f; color: #fff; }
footer { color: var(--muted); font-size: 0.8125rem; text-align: center; padding: 1.5rem; }
`;

/** The page's one inline stylesheet is allowed by its hash, not by `'unsafe-inline'`. */
export const VERIFY_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`;

/** What a verify page shows. */
export interface VerifyPageModel {
  /** What was asked for, as typed (shown back and handed to the widget); null: the blank form. */
  code: string | null;
  /** The passport, or null for an unknown or malformed code (or the blank form). */
  passport: PublicPassport | null;
  /** The API origin the widget calls. */
  baseUrl: string;
  /** `/widgets` when the verifier's bundle is built, else null (the page works without it). */
  widgetsPath: string | null;
  /** Seconds to wait, when this client has checked too many codes. */
  retryAfter?: number;
}

const dateFormat = new Intl.DateTimeFormat('en-AU', { dateStyle: 'long', timeZone: 'UTC' });
const day = (at: string) => dateFormat.format(new Date(at));

const STATUS_WORDS = {
  active: 'Active',
  reported_stolen: 'Reported stolen',
  archived: 'Archived',
} as const;

function stoneLine(stone: PublicPassport['stones'][number]): string {
  return [
    stone.count && stone.count > 1 ? `${stone.count} ×` : '',
    stone.carat ? `${stone.carat} ct` : '',
    stone.shape ?? '',
    stone.kind,
    [stone.colour, stone.clarity, stone.cut].filter(Boolean).join(', '),
    stone.lab
      ? `(${stone.lab}${stone.certificate_number ? ` ${stone.certificate_number}` : ''})`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The server's own rendering: what shows before (or without) the widget's script. */
function fallback(model: VerifyPageModel): string {
  const form = `<form action="/verify" method="get">
      <label>Passport code<input name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${escapeHtml(model.code ?? '')}"></label>
      <button type="submit">Check</button>
    </form>`;
  if (model.retryAfter !== undefined) {
    return `<div class="notice" role="alert"><p>Too many codes checked from this connection. Try again in ${model.retryAfter} seconds.</p></div>`;
  }
  if (model.code === null) return form;
  const p = model.passport;
  if (!p) {
    return `<div class="notice" role="alert"><p><strong>No passport has this code.</strong> Check it against the certificate; if it still isn't found, ask the jeweller who issued it.</p></div>
    ${form}`;
  }
  const stolen =
    p.status === 'reported_stolen'
      ? `<div class="stolen" role="alert"><strong>⚠ Reported stolen</strong> This piece has been reported stolen. Do not buy it; contact ${escapeHtml(p.issuer.name)} or the police.</div>`
      : '';
  const rows: [string, string][] = [
    ['Status', STATUS_WORDS[p.status]],
    ['Type', p.jewellery_type],
    ...(p.metal ? ([['Metal', p.metal]] as [string, string][]) : []),
    ...p.stones.map((s) => ['Stone', stoneLine(s)] as [string, string]),
    ['Issued by', p.issuer.name],
    ['Issued', day(p.issued_at)],
    [
      'Ownership changes',
      `${p.ownership_changes}${p.last_transfer_at ? ` (last ${day(p.last_transfer_at)})` : ''}`,
    ],
    ['Code', p.code],
  ];
  return `${stolen}<article class="card">
      <h2>${escapeHtml(p.title)}</h2>
      ${p.description ? `<p>${escapeHtml(p.description)}</p>` : ''}
      <dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
    </article>`;
}

/** `/verify` and `/verify/{code}`: the verifier over the server's own rendering of the answer. */
export function renderVerifyPage(model: VerifyPageModel): string {
  const title = model.passport
    ? `${model.passport.title} · Passport`
    : model.code === null
      ? 'Verify a passport'
      : 'Passport not found';
  const head = model.widgetsPath
    ? `  <link rel="stylesheet" href="${escapeHtml(`${model.widgetsPath}/loupe-widgets.css`)}">
  <script type="module" src="${escapeHtml(`${model.widgetsPath}/${VERIFY_WIDGET_ENTRY}`)}"></script>\n`
    : '';
  const codeAttribute = model.code === null ? '' : ` code="${escapeHtml(model.code)}"`;
  return `<!doctype html>
<html lang="en-AU">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="icon" href="data:,">
  <meta name="description" content="Check a jewellery passport: the piece, who issued it, and whether it has been reported stolen.">
  <title>${escapeHtml(title)}</title>
  <style>${STYLES}</style>
${head}</head>
<body>
  <main>
    <h1>Verify a passport</h1>
    <loupe-passport-verifier base-url="${escapeHtml(model.baseUrl)}"${codeAttribute}>
    ${fallback(model)}
    </loupe-passport-verifier>
  </main>
  <footer>Passports are issued by the jeweller named on them. This page never shows who owns a piece.</footer>
</body>
</html>
`;
}
