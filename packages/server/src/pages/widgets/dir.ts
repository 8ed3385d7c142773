import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reserves the cards' space until their scripts run (the widgets' `src/styles/reserve.css`). */
export const DEMO_WIDGET_STYLESHEET = 'loupe-widgets.css';

/** The entry files the demo page loads, one per element, named after the tag. */
export const DEMO_WIDGET_ENTRIES = [
  'loupe-provider.js',
  'loupe-customer-hero.js',
  'loupe-customer-history.js',
  'loupe-customer-search.js',
  'loupe-customer-form.js',
] as const;

/**
 * Finds `packages/widgets/dist/cdn` from this file's location by walking up to the server
 * package's root, so it works from `src/` under tsx and from a built `dist/` alike.
 * The server never imports the widgets package; it only serves its built files.
 */
export function defaultWidgetsDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isServerPackage(manifest)) {
      return join(dir, '..', 'widgets', 'dist', 'cdn');
    }
    const parent = dirname(dir);
    if (parent === dir) return join(dirname(from), 'widgets');
    dir = parent;
  }
}

function isServerPackage(manifestPath: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: unknown }).name ===
      '@loupe/server'
    );
  } catch {
    return false;
  }
}

/** Whether every entry file the demo page needs has been built into `dir`. */
export function widgetBundleIsBuilt(dir: string): boolean {
  return DEMO_WIDGET_ENTRIES.every((entry) => existsSync(join(dir, entry)));
}
