import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { openJson, sealJson, type TenantKeys } from '../../core/crypto/tenant-keys.js';

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks writes them. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Seals a secret for one endpoint: the signer needs it back, so it is encrypted, not hashed. */
export function sealSecret(keys: TenantKeys, endpointId: string, secret: string): Buffer {
  return sealJson(keys, secret, `webhook-secret:${endpointId}`);
}

export function openSecret(keys: TenantKeys, endpointId: string, sealed: Uint8Array): string {
  return openJson<string>(keys, sealed, `webhook-secret:${endpointId}`);
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-signature` is `v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">` for each secret (the current one, and the previous one for a day
 * after a rotation), separated by a space; a receiver accepts any one that matches.
 */
export function signatureHeaders(
  messageId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
