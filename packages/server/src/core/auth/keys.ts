import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 32 base62 chars ≈ 190 bits: unguessable, so SHA-256 (not a slow hash) is the right storage.
const SECRET_CHARS = 32;

/** Which kind of credential a bearer string is, judged by its prefix. */
export type CredentialKind = 'secret' | 'publishable' | 'platform' | 'session';

export const SECRET_KEY_PREFIX = 'sk_live_';
export const PUBLISHABLE_KEY_PREFIX = 'pk_live_';
export const PLATFORM_KEY_PREFIX = 'lpk_';
export const SESSION_TOKEN_PREFIX = 'lst_';

function randomBase62(length: number): string {
  // Rejection sampling keeps every character equally likely (no modulo bias).
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new secret (`sk_live_…`) or publishable (`pk_live_…`) key. */
export function generateApiKey(kind: 'secret' | 'publishable'): string {
  return (
    (kind === 'secret' ? SECRET_KEY_PREFIX : PUBLISHABLE_KEY_PREFIX) + randomBase62(SECRET_CHARS)
  );
}

/** A new operator key for the platform routes. */
export function generatePlatformKey(): string {
  return PLATFORM_KEY_PREFIX + randomBase62(SECRET_CHARS);
}

/** SHA-256 of a key: what the database stores and looks keys up by. */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** Classifies a bearer string by prefix; null for anything that can't be a Loupe credential. */
export function credentialKind(bearer: string): CredentialKind | null {
  if (bearer.startsWith(SECRET_KEY_PREFIX)) return 'secret';
  if (bearer.startsWith(PUBLISHABLE_KEY_PREFIX)) return 'publishable';
  if (bearer.startsWith(PLATFORM_KEY_PREFIX)) return 'platform';
  if (bearer.startsWith(SESSION_TOKEN_PREFIX)) return 'session';
  return null;
}
