import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { sqlState, UNSTORABLE_TEXT } from './db/types.js';
import type { AppEnv } from './hono-env.js';

/** Every machine-readable error code the API answers with (decision 0001). */
export const ERROR_CODES = [
  'invalid_json',
  'validation_failed',
  'unauthenticated',
  'invalid_signature',
  'permission_denied',
  'origin_not_allowed',
  'not_found',
  'customer_email_taken',
  'customer_external_id_taken',
  'insufficient_store_credit',
  'insufficient_loyalty_points',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'customer_archived',
  'customer_erased',
  'customer_merged',
  'import_finished',
  'stage_transition_not_allowed',
  'not_note_author',
  'customer_has_no_email',
  'email_consent_withdrawn',
  'communication_preference_not_email',
  'passport_status_conflict',
  'sale_not_open',
  'sale_not_returnable',
  'sale_customer_set',
  'wishlist_already_notified',
  'communication_not_sent',
  'status_transition_not_allowed',
  'record_not_editable',
  'invoice_not_payable',
  'version_conflict',
  'rate_limited',
  'internal_error',
  'not_ready',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** HTTP status of each code; `satisfies` makes a new code without a status a type error. */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_signature: 401,
  permission_denied: 403,
  origin_not_allowed: 403,
  not_found: 404,
  customer_email_taken: 409,
  customer_external_id_taken: 409,
  insufficient_store_credit: 409,
  insufficient_loyalty_points: 409,
  idempotency_key_reused: 409,
  idempotency_key_in_use: 409,
  customer_archived: 409,
  customer_erased: 409,
  customer_merged: 409,
  import_finished: 409,
  stage_transition_not_allowed: 409,
  not_note_author: 403,
  customer_has_no_email: 409,
  email_consent_withdrawn: 409,
  communication_preference_not_email: 409,
  passport_status_conflict: 409,
  sale_not_open: 409,
  sale_not_returnable: 409,
  sale_customer_set: 409,
  wishlist_already_notified: 409,
  communication_not_sent: 409,
  status_transition_not_allowed: 409,
  record_not_editable: 409,
  invoice_not_payable: 409,
  version_conflict: 412,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
} as const satisfies Record<ErrorCode, number>;

const ERROR_TITLES: Record<ErrorCode, string> = {
  invalid_json: 'Invalid JSON',
  validation_failed: 'Validation failed',
  unauthenticated: 'Unauthenticated',
  invalid_signature: 'Invalid signature',
  permission_denied: 'Permission denied',
  origin_not_allowed: 'Origin not allowed',
  not_found: 'Not found',
  customer_email_taken: 'Customer email taken',
  customer_external_id_taken: 'Customer external id taken',
  insufficient_store_credit: 'Insufficient store credit',
  insufficient_loyalty_points: 'Insufficient loyalty points',
  idempotency_key_reused: 'Idempotency key reused',
  idempotency_key_in_use: 'Idempotency key in use',
  customer_archived: 'Customer archived',
  customer_erased: 'Customer erased',
  customer_merged: 'Customer merged',
  import_finished: 'Import finished',
  stage_transition_not_allowed: 'Stage transition not allowed',
  not_note_author: 'Not the note’s author',
  customer_has_no_email: 'Customer has no email',
  email_consent_withdrawn: 'Email consent withdrawn',
  communication_preference_not_email: 'Customer prefers another channel',
  passport_status_conflict: 'Passport status conflict',
  sale_not_open: 'Sale not open',
  sale_not_returnable: 'Sale not returnable',
  sale_customer_set: 'Sale customer already set',
  wishlist_already_notified: 'Already notified',
  communication_not_sent: 'Communication not sent',
  status_transition_not_allowed: 'Status transition not allowed',
  record_not_editable: 'Record not editable',
  invoice_not_payable: 'Invoice not payable',
  version_conflict: 'Version conflict',
  rate_limited: 'Rate limited',
  internal_error: 'Internal error',
  not_ready: 'Not ready',
};

/** One failed field of a `validation_failed` problem. */
export interface FieldError {
  /** Dotted path to the field, e.g. `address.postcode`; empty for the whole body. */
  path: string;
  message: string;
}

/** Extra members a problem may carry (`existing_customer_id`, `balance`, `current_version`…). */
export type ProblemExtensions = Record<string, unknown>;

/**
 * The one error type route code throws. `onError` renders it as problem+json with the status
 * the code maps to.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: (typeof ERROR_STATUS)[ErrorCode];
  readonly errors: FieldError[] | undefined;
  readonly extensions: ProblemExtensions;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      errors?: FieldError[];
      extensions?: ProblemExtensions;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/** Shorthand for the most common failure: a record that doesn't exist or isn't visible. */
export function notFound(what = 'Resource'): ApiError {
  return new ApiError('not_found', `${what} not found.`);
}

/** Shorthand for a single-field validation failure raised by domain code. */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError('validation_failed', message, { errors: [{ path, message }] });
}

/** The RFC 9457 body for an error. */
export function problemBody(
  error: ApiError,
  requestId: string | undefined,
): Record<string, unknown> {
  return {
    type: `https://loupe.dev/errors/${error.code}`,
    title: ERROR_TITLES[error.code],
    status: error.status,
    code: error.code,
    detail: error.message,
    request_id: requestId ?? null,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

/** Renders an `ApiError` as an `application/problem+json` response. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/problem+json',
    ...error.headers,
  };
  return new Response(JSON.stringify(problemBody(error, c.get('requestId'))), {
    status: error.status,
    headers,
  });
}

/** Turns zod issues into the `errors` array of a `validation_failed` problem. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** What a person calls each part of a request the route schema checks. */
const VALIDATION_TARGET_WORDS: Record<string, string> = {
  json: 'request body',
  form: 'form',
  query: 'query string',
  param: 'path',
  header: 'request headers',
  cookie: 'cookie',
};

/**
 * `defaultHook` for `OpenAPIHono`: every request that fails its route schema (body, query,
 * params, headers) becomes a 422 `validation_failed` listing each field.
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const errors = fieldErrorsFromZod(result.error);
  const target = 'target' in result && result.target ? result.target : 'request';
  const part = VALIDATION_TARGET_WORDS[target] ?? 'request';
  return problemResponse(
    c,
    new ApiError('validation_failed', `The ${part} is not valid.`, { errors }),
  );
}

/**
 * `onError` for the app: known errors render as themselves, Hono's body-parsing failures
 * as 400 `invalid_json`, and anything else as a masked 500 carrying only the request id.
 */
export function errorHandler(
  logError: (message: string, fields: Record<string, unknown>) => void,
): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof ApiError) return problemResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's validator throws 400 for a body it can't parse (`readJsonBody` answers first on
      // /v1); anything else it refuses is bad input.
      if (/JSON/.test(err.message)) {
        return problemResponse(
          c,
          new ApiError('invalid_json', 'The request body is not valid JSON.'),
        );
      }
      return problemResponse(c, invalidField('', err.message || 'The request could not be read.'));
    }
    if (UNSTORABLE_TEXT.has(sqlState(err) ?? '')) {
      // Checked here, once, rather than in every schema: any text field, query or id may carry it.
      return problemResponse(
        c,
        invalidField('', 'Text may not contain the NUL character (U+0000).'),
      );
    }
    logError('unhandled error', {
      request_id: c.get('requestId'),
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return problemResponse(
      c,
      new ApiError('internal_error', 'Something went wrong on our side. Quote the request id.'),
    );
  };
}

/** `notFound` handler: unknown routes answer problem+json 404 like unknown records do. */
export const routeNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new ApiError('not_found', `No route for ${c.req.method} ${c.req.path}.`));
