import type { LoupeConfig } from './config.js';

/**
 * Rejects a client configuration that could never work, at `createLoupe` time, rather than
 * letting it surface later as a confusing connection error on the first request.
 * @throws TypeError naming the offending option.
 */
export function validateConfig(config: LoupeConfig): void {
  let url: URL;
  try {
    // In a browser a same-origin path such as `/loupe` is fine: it resolves against the page.
    url = new URL(config.baseUrl, globalThis.location?.href);
  } catch {
    throw new TypeError(
      `createLoupe: baseUrl must be an absolute URL such as https://loupe.example.com, got ${JSON.stringify(config.baseUrl)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`createLoupe: baseUrl must use http or https, got ${url.protocol}`);
  }
  if (isSecret(config.apiKey) && runsInBrowserPage() && !config.dangerouslyAllowBrowser) {
    throw new TypeError(
      'createLoupe: a secret or platform key must not be used in a browser, where anyone can read it. ' +
        'Mint a session on your server (loupe.sessions.create) and pass its token, or fetchToken.',
    );
  }
  if (config.apiKey !== undefined && config.token !== undefined) {
    throw new TypeError('createLoupe: pass either apiKey or token, not both');
  }
  if (config.maxRetries !== undefined) {
    validateMaxRetries(config.maxRetries, 'createLoupe: maxRetries');
  }
  if (config.timeout !== undefined && !(config.timeout > 0 && config.timeout <= 2_147_483_647)) {
    throw new TypeError(
      `createLoupe: timeout must be a positive number of milliseconds, got ${config.timeout}`,
    );
  }
  if (config.anonymous) {
    if (config.apiKey !== undefined || config.token !== undefined || config.fetchToken) {
      throw new TypeError('createLoupe: anonymous takes no apiKey, token or fetchToken');
    }
    return;
  }
  if (!config.apiKey && !config.token && !config.fetchToken) {
    throw new TypeError(
      'createLoupe: no credential. On a server pass apiKey, a secret key (sk_…); in a browser ' +
        'pass token, a session token your server minted, or fetchToken, a function that mints one. ' +
        'For public routes alone (passports.verify), pass a publishable key as apiKey, or anonymous: true.' +
        missingKeyHint(config),
    );
  }
}

/**
 * Refuses a retry count that isn't a whole number ≥ 0.
 * @param where names the setting in the message, e.g. `options.maxRetries`.
 */
export function validateMaxRetries(value: number, where: string): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new TypeError(`${where} must be a whole number ≥ 0, got ${value}`);
  }
}

/** When `apiKey` was passed but empty: most often an environment variable that isn't set. */
function missingKeyHint(config: LoupeConfig): string {
  if (!('apiKey' in config)) return '';
  const given = config.apiKey === undefined ? 'undefined' : JSON.stringify(config.apiKey);
  return ` apiKey was ${given}: if it comes from an environment variable (process.env.LOUPE_KEY), check that it is set.`;
}

/** Secret (`sk_…`) and platform (`lpk_…`) keys; publishable keys (`pk_…`) are meant for pages. */
function isSecret(apiKey: string | undefined): boolean {
  return apiKey !== undefined && (apiKey.startsWith('sk_') || apiKey.startsWith('lpk_'));
}

function runsInBrowserPage(): boolean {
  return typeof globalThis.window !== 'undefined' && typeof globalThis.document !== 'undefined';
}
