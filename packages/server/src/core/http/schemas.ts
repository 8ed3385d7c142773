import { z } from '@hono/zod-openapi';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../errors.js';

/** ISO 4217 currency code. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as AUD')
  .openapi({ example: 'AUD' });

/** Money: integer minor units and a currency. Never floats. */
export const Money = z
  .object({
    amount: z.number().int().openapi({ description: 'Minor units (cents).', example: 12000 }),
    currency: CurrencyCode,
  })
  .openapi('Money');
export type Money = z.infer<typeof Money>;

/** RFC 9457 problem details. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://loupe.dev/errors/not_found' }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(ERROR_CODES),
    detail: z.string(),
    request_id: z.string().nullable(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Each failed field (validation_failed only).' }),
  })
  .passthrough()
  .openapi('Problem', {
    description:
      'An error. Some codes add members: `existing_customer_id`, `balance`, `current_version`, `allowed_stages`.',
  });

const problemContent = { 'application/problem+json': { schema: Problem } };

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'The body is not valid JSON (`invalid_json`).',
  401: 'Missing, unknown, revoked or expired credential.',
  403: 'The credential may not do this, or the Origin is not allowed.',
  404: 'Not found (another tenant’s records are not found either).',
  409: 'Conflict.',
  412: 'The If-Match version is stale.',
  422: 'The request failed validation.',
  429: 'Rate limited; see Retry-After.',
  500: 'Internal error; quote the request id.',
  503: 'Not ready: a dependency (database, migrations, Redis) is unavailable.',
};

/**
 * Error responses to spread into a route's `responses`: the ones every authenticated route
 * can answer, plus the statuses of `extra` codes.
 */
export function errorResponses(...extra: ErrorCode[]) {
  const statuses = new Set<number>([401, 403, 422, 429, 500]);
  for (const code of extra) statuses.add(ERROR_STATUS[code]);
  const out: Record<number, { description: string; content: typeof problemContent }> = {};
  for (const status of [...statuses].sort()) {
    out[status] = { description: STATUS_DESCRIPTIONS[status] ?? 'Error.', content: problemContent };
  }
  return out;
}

/** A JSON request body that must be present (so a wrong Content-Type fails validation). */
export function jsonBody<T extends z.ZodTypeAny>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

/** A JSON response. */
export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** Path parameter `{id}` with an example; another `name` is any string (see `RouteSpec.idName`). */
export function idParam(example: string, name = 'id') {
  const value = name === 'id' || name === 'item_id' ? z.string().min(1).max(64) : z.string();
  return z.object({ [name]: value.openapi({ param: { name, in: 'path' }, example }) });
}
