import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// Stories render the widgets from their TypeScript source (and the SDK from its source), so
// `storybook build` works from a clean clone with nothing built first, and offline.
process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

const widgetsSrc = fileURLToPath(new URL('../../packages/widgets/src/', import.meta.url));
const sdkEntry = fileURLToPath(new URL('../../packages/sdk/src/index.ts', import.meta.url));
const sdkPassportCode = fileURLToPath(
  new URL('../../packages/sdk/src/passport-code.ts', import.meta.url),
);

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../src/**/*.stories.ts'],
  // Docs pages built from the widgets' custom-elements.json (see preview.ts).
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    viteConfig.resolve.alias = [
      ...(Array.isArray(viteConfig.resolve.alias) ? viteConfig.resolve.alias : []),
      { find: /^@loupe\/sdk$/, replacement: sdkEntry },
      { find: /^@loupe\/sdk\/passport-code$/, replacement: sdkPassportCode },
      { find: /^@loupe\/widgets\/testing$/, replacement: `${widgetsSrc}testing/index.ts` },
      { find: /^@loupe\/widgets\/(.*)\.js$/, replacement: `${widgetsSrc}$1.ts` },
      { find: /^@loupe\/widgets$/, replacement: `${widgetsSrc}index.ts` },
    ];
    return viteConfig;
  },
};

export default config;
