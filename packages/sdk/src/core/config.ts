/** Settings given to {@link createLoupe}. */
export interface LoupeConfig {
  /** Where the Loupe server lives, e.g. `https://loupe.example.com` (paths get `/v1/...`). */
  baseUrl: string;
  /**
   * A secret key (`sk_…`), or a publishable key (`pk_…`) for public routes. Server side only.
   * `undefined` (an unset `process.env.LOUPE_KEY`) is taken as none, and refused with a hint.
   */
  apiKey?: string | undefined;
  /** A session token minted by `POST /v1/sessions`, for browsers; `undefined` is none. */
  token?: string | undefined;
  /**
   * No credential at all, on purpose: only public routes answer (`passports.verify`). Without
   * it, a client with no credential is refused, since that is usually an unset variable.
   */
  anonymous?: boolean;
  /**
   * Mints a fresh session token. Called before the first request when no `token` is given,
   * and once more when a request answers 401, after which that request is replayed.
   */
  fetchToken?: () => Promise<string>;
  /** A `fetch` implementation; defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Retries of a retryable failure (network, 409 lock, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30000. */
  timeout?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Lets a secret key be used in a browser page, which `createLoupe` otherwise refuses: any
   * visitor could read it. Only for pages that are themselves private (an internal tool on a
   * locked-down machine).
   */
  dangerouslyAllowBrowser?: boolean;
}

/** Per-call settings, the last argument of every method. */
export interface RequestOptions {
  /** Overrides the automatic `Idempotency-Key` of a POST (reuse it to retry safely yourself). */
  idempotencyKey?: string;
  /** Aborts the request and any pending retry. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds for this call. */
  timeout?: number;
  /** Extra headers for this call; they win over the SDK's own. */
  headers?: Record<string, string>;
  /**
   * Sent as `If-Match`: the `version` you last read (a number becomes the entity-tag `"3"`;
   * a string, such as an `ETag` you kept, is sent as is). A stale one fails with 412.
   */
  ifMatch?: number | string;
  /**
   * Retries of a retryable failure for this call, instead of the client's `maxRetries`: `0`
   * for a call a person is waiting on, more for a background job.
   */
  maxRetries?: number;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 30_000;
