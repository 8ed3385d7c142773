/**
 * The errors every SDK call can throw. Each HTTP problem kind has its own class so callers
 * branch with `instanceof` instead of comparing status numbers; all extend {@link LoupeError}.
 */

/** One failing field of a `validation_failed` problem. */
export interface FieldError {
  /** Dotted path of the field, e.g. `address.postcode`. */
  path: string;
  message: string;
}

/** Money as the API sends it: integer minor units and an ISO 4217 currency. */
export interface ProblemMoney {
  amount: number;
  currency: string;
}

/** What {@link LoupeError} is built from. */
export interface LoupeErrorInit {
  /** HTTP status; `null` when no response arrived (connection errors). */
  status: number | null;
  /** Stable snake_case code from the problem body, e.g. `insufficient_store_credit`. */
  code: string;
  title: string;
  detail: string;
  requestId: string | null;
  errors?: FieldError[] | undefined;
  /** The parsed response body, when there was one. */
  raw?: unknown;
  headers?: Headers | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws. Carries the RFC 9457 problem fields.
 *
 * @example
 * ```ts
 * try {
 *   await loupe.customers.retrieve('cus_missing');
 * } catch (error) {
 *   if (error instanceof LoupeError) console.log(error.status, error.code, error.requestId);
 * }
 * ```
 */
export class LoupeError extends Error {
  // Every class names itself with a literal, not `new.target.name`: a minifier renames classes
  // (the CDN build made `error.name` "Pe"), and the name is what shows in logs.
  override name = 'LoupeError';
  /** HTTP status; `null` when no response arrived. */
  readonly status: number | null;
  /** Stable snake_case problem code; switch on this rather than on `message`. */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** The server's `X-Request-Id`; quote it when reporting a problem. */
  readonly requestId: string | null;
  /** Per-field failures (validation only). */
  readonly errors: FieldError[] | undefined;
  /** The parsed response body as received. */
  readonly raw: unknown;
  /** Response headers, when a response arrived. */
  readonly headers: Headers | undefined;

  constructor(init: LoupeErrorInit) {
    super(init.detail || init.title, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.errors = init.errors;
    this.raw = init.raw;
    this.headers = init.headers;
  }
}

/** 422 `validation_failed`: the request body, query or headers failed the schema. See `errors`. */
export class ValidationError extends LoupeError {
  override name = 'ValidationError';
}

/** 401 `unauthenticated`: missing, unknown, revoked or expired credential. */
export class AuthenticationError extends LoupeError {
  override name = 'AuthenticationError';
}

/** 403 `permission_denied` or `origin_not_allowed`: the credential may not do this. */
export class PermissionError extends LoupeError {
  override name = 'PermissionError';
}

/** 404 `not_found`: no such record in this tenant. */
export class NotFoundError extends LoupeError {
  override name = 'NotFoundError';
}

/**
 * 409: the request conflicts with the current state, e.g. `customer_email_taken`,
 * `insufficient_store_credit`, `idempotency_key_reused`, `customer_archived`,
 * `customer_merged`.
 */
export class ConflictError extends LoupeError {
  override name = 'ConflictError';
  /**
   * With `customer_email_taken` or `customer_external_id_taken`: the customer who already has
   * that email, or that id in another system.
   */
  readonly existingCustomerId: string | undefined;
  /** With `insufficient_store_credit`: the balance the debit exceeded. */
  readonly balance: ProblemMoney | undefined;
  /**
   * With `stage_transition_not_allowed`: the stages the record may move to from where it is
   * (empty once it is collected or cancelled).
   */
  readonly allowedStages: string[] | undefined;
  /**
   * With `status_transition_not_allowed` (quotes, invoices): the statuses the record may move
   * to from where it is (empty once nothing moves it).
   */
  readonly allowedStatuses: string[] | undefined;
  /** With `customer_merged`: the customer it was merged into, where the change belongs. */
  readonly mergedInto: string | undefined;

  constructor(
    init: LoupeErrorInit & {
      existingCustomerId?: string;
      balance?: ProblemMoney;
      allowedStages?: string[];
      allowedStatuses?: string[];
      mergedInto?: string;
    },
  ) {
    super(init);
    this.allowedStatuses = init.allowedStatuses;
    this.existingCustomerId = init.existingCustomerId;
    this.balance = init.balance;
    this.allowedStages = init.allowedStages;
    this.mergedInto = init.mergedInto;
  }
}

/** 412 `version_conflict`: the `If-Match` version is stale; reload and retry. */
export class VersionConflictError extends LoupeError {
  override name = 'VersionConflictError';
  /** The record's current version, when the server says. */
  readonly currentVersion: number | undefined;

  constructor(init: LoupeErrorInit & { currentVersion?: number }) {
    super(init);
    this.currentVersion = init.currentVersion;
  }
}

/** 429 `rate_limited`, thrown once retries are used up. */
export class RateLimitError extends LoupeError {
  override name = 'RateLimitError';
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;

  constructor(init: LoupeErrorInit & { retryAfter?: number }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** 5xx: the server failed; retried automatically before it reaches you. */
export class APIError extends LoupeError {
  override name = 'APIError';
}

/** No response: the network failed or the request timed out (`code` `timeout`). */
export class ConnectionError extends LoupeError {
  override name = 'ConnectionError';
}
