import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * Where the widget bundle is: `@loupe/widgets`' `dist/cdn`, a dependency of this package, found
 * the way Node finds it (its stylesheet export lives there), so an npm, pnpm or nested install
 * all serve it. Before the widgets are built Node can't resolve that file; then the folder is
 * found beside the server package (the workspace's `packages/widgets`, or a sibling in
 * `node_modules`), so the demo page can say how to build it.
 */
export function defaultWidgetsDir(from: string = fileURLToPath(import.meta.url)): string {
  try {
    return dirname(createRequire(from).resolve('@loupe/widgets/loupe-widgets.css'));
  } catch {
    return besideServerPackage(from);
  }
}

function besideServerPackage(from: string): string {
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
