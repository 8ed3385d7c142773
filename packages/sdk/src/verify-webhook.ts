/**
 * Verifying Loupe's webhook deliveries on the receiving end (Standard Webhooks): the
 * `webhook-signature` header holds `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`
 * keyed with the base64-decoded part of the endpoint's secret after `whsec_` (two signatures,
 * space-separated, for a day after a rotation: either may match). Uses Web Crypto, so it runs
 * in Node 18+, Deno, Bun, edge workers and browsers.
 */
import type { webhooks } from './generated/openapi.gen.js';

/** A delivery's body: `id` (also `webhook-id`), `type`, `timestamp` and `data` by type. */
export type WebhookEvent = {
  [T in keyof webhooks]: webhooks[T]['post']['requestBody']['content']['application/json'];
}[keyof webhooks];

/** Thrown by `verifyWebhook` for a delivery that is not provably Loupe's, or too old. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Headers as `Request.headers`, or as Node's `req.headers` (lower-case names). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far the `webhook-timestamp` may be from now, in seconds (default 300), against replays. */
  toleranceSeconds?: number;
  /** The time to check against (tests); now by default. */
  now?: Date;
}

const encoder = new TextEncoder();

/**
 * Checks a delivery's signature and timestamp and returns the parsed event; throws
 * `WebhookVerificationError` when the signature doesn't match the secret, the body was
 * changed, a header is missing or the timestamp is more than five minutes off. Pass the body
 * exactly as received (the raw text, not re-serialised JSON).
 *
 * @example
 * ```ts
 * import { verifyWebhook } from '@loupe/sdk';
 *
 * export async function POST(request: Request) {
 *   const event = await verifyWebhook(await request.text(), request.headers, process.env.LOUPE_WEBHOOK_SECRET!);
 *   if (event.type === 'customer.updated') console.log(event.data.customer_id, event.data.changed_fields);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyWebhook(
  payload: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'Missing webhook-id, webhook-timestamp or webhook-signature header',
    );
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
    throw new WebhookVerificationError('Invalid webhook-timestamp header');
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - seconds) > tolerance) {
    throw new WebhookVerificationError(
      `The webhook-timestamp is more than ${tolerance} seconds from now`,
    );
  }

  const key = await crypto.subtle.importKey(
    'raw',
    secretBytes(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  const signed = encoder.encode(`${id}.${timestamp}.${body}`);
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) continue;
    const signature = fromBase64(value);
    // HMAC verification by Web Crypto: a constant-time comparison.
    if (signature && (await crypto.subtle.verify('HMAC', key, signature, signed))) {
      return JSON.parse(body) as WebhookEvent;
    }
  }
  throw new WebhookVerificationError('No matching signature');
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const value =
    record[name] ??
    Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1] ??
    undefined;
  return Array.isArray(value) ? value[0] : value;
}

function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret);
  if (!bytes || bytes.length === 0) {
    throw new WebhookVerificationError('The secret is not a whsec_… signing secret');
  }
  return bytes;
}

function fromBase64(value: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(value);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
