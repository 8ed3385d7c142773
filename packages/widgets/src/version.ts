/**
 * This package's version, written from package.json by `scripts/sync-version.mjs` on every
 * build (a test fails when the two differ). `define()` compares it with the copy already on
 * the page.
 */
export const VERSION = '0.0.0';
