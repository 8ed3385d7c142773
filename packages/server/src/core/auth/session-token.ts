import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../crypto/envelope.js';
import { SESSION_TOKEN_PREFIX } from './keys.js';
import type { Role } from './permissions.js';

/** What a session token carries. Signed, not encrypted: it holds no secret. */
export type SessionClaims =
  | {
      /** Session id, for the audit actor. */
      sid: string;
      tenant_id: string;
      /**
       * The key that minted it (the demo page's sessions name the demo tenant's "Demo page"
       * key): revoking the key ends its sessions too.
       */
      kid: string;
      kind: 'staff';
      role: Role;
      branch_id: string | null;
      staff_name: string;
      /** Expiry, seconds since the epoch. */
      exp: number;
    }
  | {
      sid: string;
      tenant_id: string;
      kid: string;
      kind: 'customer';
      customer_id: string;
      exp: number;
    };

const TOKEN_SHAPE = new RegExp(`^${SESSION_TOKEN_PREFIX}([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]{43})$`);

/**
 * Compact signed session tokens: `lst_<base64url(json)>.<base64url(hmac-sha256)>`. The HMAC
 * key is derived from the master key once, at construction; verifying is one HMAC, no
 * library, no per-call key object.
 */
export class SessionTokens {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = deriveKey(masterKey, 'session-tokens');
  }

  /** Signs claims into a token. */
  sign(claims: SessionClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${SESSION_TOKEN_PREFIX}${payload}.${this.#mac(payload).toString('base64url')}`;
  }

  /**
   * Returns the claims of a genuine, unexpired token, else null. `nowSeconds` comes from the
   * injected clock.
   */
  verify(token: string, nowSeconds: number): SessionClaims | null {
    // Strictly `lst_<payload>.<43-character signature>`, both base64url without padding:
    // Buffer's decoder skips characters it doesn't know and trailing bits, so junk after the
    // signature, or another spelling of it, would otherwise still verify.
    const match = TOKEN_SHAPE.exec(token);
    if (!match) return null;
    const payload = match[1]!;
    const encoded = match[2]!;
    const signature = Buffer.from(encoded, 'base64url');
    if (signature.toString('base64url') !== encoded) return null;
    const expected = this.#mac(payload);
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    let claims: SessionClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
    } catch {
      return null;
    }
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
    return claims;
  }

  #mac(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest();
  }
}
