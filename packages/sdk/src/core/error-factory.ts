import {
  APIError,
  AuthenticationError,
  ConflictError,
  type FieldError,
  LoupeError,
  type LoupeErrorInit,
  NotFoundError,
  PermissionError,
  type ProblemMoney,
  RateLimitError,
  ValidationError,
  VersionConflictError,
} from './errors.js';
import { parseRetryAfterMs } from './retry-policy.js';

/** The single place that turns a failed HTTP response into the matching error class. */
export async function errorFromResponse(response: Response): Promise<LoupeError> {
  const body = await readBody(response);
  const problem = isRecord(body) ? body : {};
  const init: LoupeErrorInit = {
    status: response.status,
    code: stringField(problem, 'code') ?? fallbackCode(response.status),
    title: stringField(problem, 'title') ?? (response.statusText || `HTTP ${response.status}`),
    detail: stringField(problem, 'detail') ?? '',
    requestId: response.headers.get('x-request-id') ?? stringField(problem, 'request_id') ?? null,
    errors: fieldErrors(problem.errors),
    raw: body,
    headers: response.headers,
  };
  const status = response.status;
  if (status === 400 || status === 422) return new ValidationError(init);
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new PermissionError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) {
    return new ConflictError({
      ...init,
      existingCustomerId: stringField(problem, 'existing_customer_id'),
      balance: moneyField(problem.balance),
      allowedStages: stringList(problem.allowed_stages),
      allowedStatuses: stringList(problem.allowed_statuses),
      mergedInto: stringField(problem, 'merged_into'),
    });
  }
  if (status === 412) {
    const currentVersion = problem.current_version;
    return new VersionConflictError({
      ...init,
      currentVersion: typeof currentVersion === 'number' ? currentVersion : undefined,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
    return new RateLimitError({
      ...init,
      retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    });
  }
  if (status >= 500) return new APIError(init);
  return new LoupeError(init);
}

/** Codes for responses that carry no problem body (a proxy's HTML 502, say). */
function fallbackCode(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal_error';
  return 'http_error';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((entry) => ({
    path: typeof entry.path === 'string' ? entry.path : '',
    message: typeof entry.message === 'string' ? entry.message : '',
  }));
}

function moneyField(value: unknown): ProblemMoney | undefined {
  if (!isRecord(value)) return undefined;
  const { amount, currency } = value;
  return typeof amount === 'number' && typeof currency === 'string'
    ? { amount, currency }
    : undefined;
}

/** A list of strings from a problem member, or undefined when it isn't one. */
function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}
