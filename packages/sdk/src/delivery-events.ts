/**
 * Signing delivery events for `POST /v1/communications/events`, for a host that relays its
 * mail provider's webhooks to Loupe (Postmark's, SES's…): Loupe checks
 * `Loupe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with
 * the server's `LOUPE_MAIL_WEBHOOK_SECRET`, within 300 seconds of its clock. Uses Web Crypto,
 * so it runs in Node 18+, Deno, workers and browsers (never ship the secret to a browser).
 */

/** The header Loupe reads the signature from. */
export const DELIVERY_EVENT_SIGNATURE_HEADER = 'Loupe-Signature';

/** A delivery event as Loupe takes it. */
export interface DeliveryEvent {
  event: 'delivered' | 'bounced';
  /** The two halves of the `X-Loupe-Communication: <tenant_id>/<communication_id>` header. */
  tenant_id: string;
  communication_id: string;
  /** The provider's words, e.g. a bounce reason. */
  detail?: string | null;
  /** When the provider saw it (RFC 3339); now when left out. */
  occurred_at?: string;
}

/**
 * The `Loupe-Signature` value for `body` (the exact string you will send).
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ event: 'bounced', tenant_id, communication_id, detail: '550 5.1.1' });
 * await fetch(`${loupeUrl}/v1/communications/events`, {
 *   method: 'POST',
 *   headers: {
 *     'content-type': 'application/json',
 *     'loupe-signature': await signDeliveryEvent(process.env.LOUPE_MAIL_WEBHOOK_SECRET!, body),
 *   },
 *   body,
 * });
 * ```
 */
export async function signDeliveryEvent(
  secret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}
