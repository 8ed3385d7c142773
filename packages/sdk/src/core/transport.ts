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
import type { Answer, Method, Operation, OperationInit, PathsWith } from './operation-types.js';
import { isRetryable, retryDelayMs } from './retry-policy.js';
import { validateConfig, validateMaxRetries } from './validate-config.js';

/** One API call with its types erased: what {@link Transport.request} turns a typed call into. */
interface WireRequest {
  method: Uppercase<Method>;
  /** Relative to `baseUrl`, without a leading slash, path parameters filled in. */
  path: string;
  query: object | undefined;
  body: unknown;
  /** The body's media type; JSON when absent. */
  contentType: string | undefined;
  /** The response media type to read; JSON when absent. */
  accept: string | undefined;
  options: RequestOptions | undefined;
}

/** The untyped view of a {@link OperationInit}, for the one place that reads it. */
interface AnyInit {
  path?: Record<string, string>;
  query?: object;
  body?: unknown;
  contentType?: string;
  accept?: string;
}

const JSON_MEDIA_TYPE = 'application/json';

/**
 * Fills a document path such as `/v1/customers/{id}/summary` with its parameters,
 * percent-encoding each one so an id can never change which route is called, and drops the
 * leading slash (the path is relative to `baseUrl`, which may have a prefix of its own).
 */
export function expandPath(template: string, params: Record<string, string> | undefined): string {
  return template.slice(1).replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new TypeError(`Missing path parameter ${name} of ${template}`);
    return encodeURIComponent(value);
  });
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
  /** `baseUrl` ending in `/`, as ky joins it with a request path; for error messages. */
  readonly #baseUrl: string;

  constructor(config: LoupeConfig) {
    validateConfig(config);
    this.#baseUrl = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
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

  /**
   * Sends operation `method path` of the API document. Everything is typed by the document:
   * a path or method it doesn't have fails to compile, `init` carries exactly that operation's
   * path parameters, query and body, and the answer is its response body.
   *
   * @example transport.request('get', '/v1/customers/{id}', { path: { id } }, options)
   */
  async request<M extends Method, P extends PathsWith<M>>(
    method: M,
    path: P,
    init: OperationInit<Operation<P, M>>,
    options?: RequestOptions,
  ): Promise<Answer<Operation<P, M>>> {
    const { path: params, query, body, contentType, accept } = init as AnyInit;
    return this.#request({
      method: method.toUpperCase() as Uppercase<M>,
      path: expandPath(path, params),
      query,
      body,
      contentType,
      accept,
      options,
    });
  }

  async #request<T>(request: WireRequest): Promise<T> {
    const response = await this.#send(request);
    if (response.status === 204) return undefined as T;
    // A file (a document's bytes): the body as it came, never decoded as text.
    if (request.accept !== undefined && BINARY_MEDIA_TYPE.test(request.accept)) {
      try {
        return (await response.blob()) as T;
      } catch (cause) {
        if (request.options?.signal?.aborted) throw request.options.signal.reason;
        throw this.#connectionError(request, cause);
      }
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (request.options?.signal?.aborted) throw request.options.signal.reason;
      throw this.#connectionError(request, cause);
    }
    if (request.accept !== undefined && request.accept !== JSON_MEDIA_TYPE) return text as T;
    try {
      // The one place JSON becomes a typed value; the types come from the server's document.
      return JSON.parse(text) as T;
    } catch (cause) {
      throw invalidResponse(response, text, cause);
    }
  }

  async #send(request: WireRequest): Promise<Response> {
    const signal = request.options?.signal;
    const maxRetries = request.options?.maxRetries ?? this.#maxRetries;
    validateMaxRetries(maxRetries, 'options.maxRetries');
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
        error = this.#connectionError(request, thrown);
      }
      if (retry >= maxRetries || !isRetryable(error)) throw error;
      const delay = retryDelayMs(retry, error);
      if (delay === null) throw error;
      await sleep(delay, signal);
      retry += 1;
    }
  }

  #attempt(
    request: WireRequest,
    credential: string | undefined,
    idempotencyKey: string | undefined,
  ): Promise<Response> {
    const { options } = request;
    const headers: Record<string, string> = { accept: request.accept ?? JSON_MEDIA_TYPE };
    if (credential !== undefined) headers.authorization = `Bearer ${credential}`;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    if (options?.ifMatch !== undefined) headers['if-match'] = entityTag(options.ifMatch);
    const json = request.contentType === undefined || request.contentType === JSON_MEDIA_TYPE;
    // A FormData body sets its own multipart content type, boundary included.
    if (!json && !(request.body instanceof FormData)) {
      headers['content-type'] = request.contentType as string;
    }
    return this.#http(request.path, {
      method: request.method,
      headers: { ...headers, ...options?.headers },
      searchParams: toSearchParams(request.query),
      timeout: options?.timeout ?? this.#timeout,
      ...(request.body === undefined
        ? {}
        : json
          ? { json: request.body }
          : { body: request.body as BodyInit }),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * A network failure or timeout, naming the URL (without its query string, which may carry
   * a search for a person's name) and the cause: fetch itself says only "fetch failed".
   */
  #connectionError(request: WireRequest, cause: unknown): ConnectionError {
    const url = `${this.#baseUrl}${request.path}`;
    if (cause instanceof TimeoutError) {
      const timeout = request.options?.timeout ?? this.#timeout;
      return new ConnectionError({
        status: null,
        code: 'timeout',
        title: 'Request timed out',
        detail: `${request.method} ${url} got no answer within ${timeout} ms`,
        requestId: null,
        cause,
      });
    }
    return new ConnectionError({
      status: null,
      code: 'connection_error',
      title: 'Could not reach the Loupe server',
      detail: `Could not reach the Loupe server at ${request.method} ${url} (${networkReason(cause)})`,
      requestId: null,
      cause,
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

/** Response media types read as a `Blob` rather than text (an SVG QR code stays text). */
const BINARY_MEDIA_TYPE = /^application\/octet-stream$/i;

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

/**
 * The most specific reason in a fetch failure. Node's fetch throws a bare "fetch failed" with
 * the system error code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`…) on its `cause`, or on the
 * first of an `AggregateError`'s `errors` when several addresses were tried: the first code
 * found wins, else the innermost message ("bad port"; a browser's "Failed to fetch").
 */
function networkReason(error: unknown): string {
  let reason = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, cause, errors } = current as Record<string, unknown>;
    if (typeof code === 'string' && code !== '') return code;
    if (typeof message === 'string' && message !== '') reason = message;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return reason;
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
