const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Headers for an HTML page of this server: `directives` (what the page may load) plus
 * `frame-ancestors 'none'` and `X-Frame-Options: DENY` (no site can frame it to click through
 * it), `base-uri`/`object-src` locked, and no referrer to the sites it links to.
 */
export function pageSecurityHeaders(directives: string): Record<string, string> {
  return {
    'Content-Security-Policy': `${directives}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}
