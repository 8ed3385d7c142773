/**
 * Delivery events are signed the way Stripe signs webhooks (decision 0030): the header
 * `Loupe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with
 * `LOUPE_MAIL_WEBHOOK_SECRET`. Several `v1=` entries may be sent (while a secret is rotated);
 * one matching is enough. Pure: no clock, no I/O.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'Loupe-Signature';

/** How far a signature's timestamp may be from the server's clock: a replay window. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The hex signature of `body` at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A header value for `body`, as a sender writes it. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/** Why a signature was refused, in words for the problem's detail; null when it is good. */
export function signatureProblem(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
): string | null {
  if (!header) return `The ${SIGNATURE_HEADER} header is missing.`;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value))
      signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) {
    return `The ${SIGNATURE_HEADER} header must be t=<unix seconds>,v1=<hex HMAC-SHA256>.`;
  }
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return `The signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from the server's clock.`;
  }
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  const matches = signatures.some((candidate) =>
    timingSafeEqual(expected, Buffer.from(candidate, 'hex')),
  );
  return matches ? null : 'The signature does not match the body.';
}
