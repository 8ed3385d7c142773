import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../../../core/crypto/envelope.js';

/** How long a download link works after it is issued. */
export const DOWNLOAD_LINK_SECONDS = 300;

/**
 * Short-lived download links for documents: `HMAC-SHA256(tenant, document, expiry)` under a
 * key derived from the master key, so any instance can check a link another issued and a link
 * can't be stretched to another document, tenant or time.
 */
export class DocumentLinks {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = deriveKey(masterKey, 'document-download-links');
  }

  #sign(tenantId: string, documentId: string, expires: number): string {
    return createHmac('sha256', this.#key)
      .update(`${tenantId}\n${documentId}\n${expires}`)
      .digest('base64url');
  }

  /** The path and query of a link valid until `now` + `DOWNLOAD_LINK_SECONDS`. */
  issue(tenantId: string, documentId: string, now: Date): { path: string; expiresAt: Date } {
    const expires = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
    const query = new URLSearchParams({
      tenant: tenantId,
      expires: String(expires),
      signature: this.#sign(tenantId, documentId, expires),
    });
    return {
      path: `/v1/public/documents/${encodeURIComponent(documentId)}?${query}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** Whether a link's parts are genuine and unexpired. */
  verify(
    tenantId: string,
    documentId: string,
    expires: number,
    signature: string,
    now: Date,
  ): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 < now.getTime()) return false;
    const expected = Buffer.from(this.#sign(tenantId, documentId, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
