// Runs Shopify's theme check (@shopify/theme-check-node) over this extension with the
// theme-app-extension rules (.theme-check.yml), prints each offense, and fails on any error
// or warning. The docs it checks against are the ones bundled with the package (offline).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Severity, themeCheckRun } from '@shopify/theme-check-node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { offenses, theme } = await themeCheckRun(root, join(root, '.theme-check.yml'), () => {});
const label = { [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning', [Severity.INFO]: 'info' };
for (const offense of offenses) {
  const file = relative(root, fileURLToPath(offense.uri));
  const line = offense.start.line + 1;
  console.log(`${file}:${line} ${label[offense.severity]} ${offense.check}: ${offense.message}`);
}
const failing = offenses.filter((o) => o.severity !== Severity.INFO);

// The blocks load the widget entries as module scripts (the schema's `javascript` key would
// load them as classic scripts), so theme check's AssetSizeAppBlockJavaScript doesn't see them;
// hold each entry a block loads to the same 10,000 bytes here.
const APP_BLOCK_SCRIPT_LIMIT = 10_000;
for (const block of readdirSync(join(root, 'blocks'))) {
  const liquid = readFileSync(join(root, 'blocks', block), 'utf8');
  for (const [, asset] of liquid.matchAll(/'([\w.-]+\.js)' \| asset_url/g)) {
    const bytes = statSync(join(root, 'assets', asset)).size;
    if (bytes > APP_BLOCK_SCRIPT_LIMIT) {
      failing.push({ check: 'AppBlockEntrySize' });
      console.log(
        `blocks/${block} error AppBlockEntrySize: ${asset} is ${bytes} B, over Shopify's ${APP_BLOCK_SCRIPT_LIMIT} B for an app block script`,
      );
    }
  }
}
console.log(
  `theme check: ${theme.length} files, ${failing.length} errors or warnings, ${offenses.length - failing.length} notes`,
);
process.exit(failing.length > 0 ? 1 : 0);
