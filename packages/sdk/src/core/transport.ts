import ky, { type KyInstance, TimeoutError } from 'ky';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type LoupeConfig,
  type RequestOptions,
} from './config.js';
import { Credentials } from './credentials.js';
import { errorFromResponse } from './error-factory.js';
import { APIError, AuthenticationError, ConnectionError, type LoupeError } from './errors.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import { validateConfig } from './validate-config.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A query-string value; `undefined` and `null` are left out of the URL. */
export type QueryValue = string | number | boolean | null | undefined;

/** One API call as a resource method describes it. */
export interface ApiRequest {
  method: HttpMethod;
  /** Relative to `baseUrl`, without a leading slash: `v1/customers/cus_1`. Build it with {@link apiPath}. */
  path: string;
  query?: object | undefined;
  /** A JSON body. */
  json?: unknown;
  /** A non-JSON body, e.g. a CSV upload. */
  text?: { body: string; contentType: string };
  /** How to read a successful response. Default `json`. */
  responseType?: 'json' | 'text';
  options?: RequestOptions | undefined;
}

/**
 * Builds a request path, percent-encoding every interpolated value so an id can never
 * change which route is called.
 *
 * @example apiPath`v1/customers/${id}/summary`
 */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce(
    (path, part, index) =>
      path + part + (index < values.length ? encodeURIComponent(values[index] ?? '') : ''),
    '',
  );
}

/**
 * Sends API calls: credentials, idempotency keys, retries, token refresh and error mapping.
 *
 * Retries are driven here, with ky's own retry turned off (`retry: 0`), because they depend
 * on things ky's retry can't see: a 409 is retryable only when the problem body's `code` is
 * `idempotency_key_in_use`; a POST must resend the same `Idempotency-Key` on every attempt;
 * a 401 is answered by minting a token and replaying once, outside the retry budget; and
 * every outcome must surface as a {@link LoupeError}, never a ky error. ky still provides
 * the base URL, JSON bodies, search params, per-attempt timeout and the injectable `fetch`.
 */
export class Transport {
  readonly #http: KyInstance;
  readonly #credentials: Credentials;
  readonly #maxRetries: number;
  readonly #timeout: number;

  constructor(config: LoupeConfig) {
    validateConfig(config);
    this.#http = ky.create({
      prefixUrl: config.baseUrl,
      retry: 0,
      throwHttpErrors: false,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
    });
    this.#credentials = new Credentials(config.apiKey ?? config.token, config.fetchToken);
    this.#maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#timeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
  }

  /** Sends `request` and returns its decoded body, or throws a {@link LoupeError}. */
  async request<T>(request: ApiRequest): Promise<T> {
    const response = await this.#send(request);
    if (response.status === 204) return undefined as T;
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (request.options?.signal?.aborted) throw request.options.signal.reason;
      throw connectionError(cause);
    }
    if (request.responseType === 'text') return text as T;
    try {
      // The one place JSON becomes a typed value; the types come from the server's document.
      return JSON.parse(text) as T;
    } catch (cause) {
      throw invalidResponse(response, text, cause);
    }
  }

  async #send(request: ApiRequest): Promise<Response> {
    const signal = request.options?.signal;
    // One key for every attempt of this call: that is what makes retrying a POST safe.
    const idempotencyKey =
      request.method === 'POST'
        ? (request.options?.idempotencyKey ?? newIdempotencyKey())
        : undefined;
    let tokenRefreshed = false;
    let retry = 0;
    for (;;) {
      const credential = await this.#currentCredential();
      let error: LoupeError;
      try {
        const response = await this.#attempt(request, credential, idempotencyKey);
        if (response.ok) return response;
        if (response.status === 401 && this.#credentials.canRefresh && !tokenRefreshed) {
          tokenRefreshed = true;
          void response.body?.cancel().catch(() => undefined);
          await this.#refreshCredential(credential);
          continue;
        }
        error = await errorFromResponse(response);
      } catch (thrown) {
        if (signal?.aborted) throw signal.reason;
        if (thrown instanceof AuthenticationError) throw thrown;
        error = connectionError(thrown);
      }
      if (retry >= this.#maxRetries || !isRetryable(error)) throw error;
      const delay = retryDelayMs(retry, error);
      if (delay === null) throw error;
      await sleep(delay, signal);
      retry += 1;
    }
  }

  #attempt(
    request: ApiRequest,
    credential: string | undefined,
    idempotencyKey: string | undefined,
  ): Promise<Response> {
    const { options } = request;
    const headers: Record<string, string> = {
      accept: request.responseType === 'text' ? 'text/csv, text/plain' : 'application/json',
    };
    if (credential !== undefined) headers.authorization = `Bearer ${credential}`;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    if (options?.ifMatch !== undefined) headers['if-match'] = entityTag(options.ifMatch);
    if (request.text) headers['content-type'] = request.text.contentType;
    return this.#http(request.path, {
      method: request.method,
      headers: { ...headers, ...options?.headers },
      searchParams: toSearchParams(request.query),
      timeout: options?.timeout ?? this.#timeout,
      ...(request.json !== undefined ? { json: request.json } : {}),
      ...(request.text ? { body: request.text.body } : {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  async #currentCredential(): Promise<string | undefined> {
    try {
      return await this.#credentials.current();
    } catch (cause) {
      throw tokenError(cause);
    }
  }

  async #refreshCredential(stale: string | undefined): Promise<void> {
    try {
      await this.#credentials.refresh(stale);
    } catch (cause) {
      throw tokenError(cause);
    }
  }
}

/** A record version as an HTTP entity-tag (`3` → `"3"`); strings are sent as given. */
function entityTag(version: number | string): string {
  return typeof version === 'number' ? `"${version}"` : version;
}

function toSearchParams(query: object | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  return params;
}

function connectionError(cause: unknown): ConnectionError {
  const timedOut = cause instanceof TimeoutError;
  return new ConnectionError({
    status: null,
    code: timedOut ? 'timeout' : 'connection_error',
    title: timedOut ? 'Request timed out' : 'Could not reach the Loupe server',
    detail: cause instanceof Error ? cause.message : String(cause),
    requestId: null,
    cause,
  });
}

/** A 2xx whose body isn't the JSON the API promises (a captive portal, a misrouted proxy). */
function invalidResponse(response: Response, body: string, cause: unknown): APIError {
  return new APIError({
    status: response.status,
    code: 'invalid_response',
    title: 'The server sent a response that is not JSON',
    detail: `Expected JSON from ${response.url || 'the server'}, got ${JSON.stringify(body.slice(0, 80))}`,
    requestId: response.headers.get('x-request-id'),
    raw: body,
    headers: response.headers,
    cause,
  });
}

function tokenError(cause: unknown): AuthenticationError {
  return new AuthenticationError({
    status: null,
    code: 'unauthenticated',
    title: 'Could not obtain a session token',
    detail: `fetchToken failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    requestId: null,
    cause,
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
