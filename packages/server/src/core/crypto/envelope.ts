import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a version byte: `[1][iv 12][tag 16][ciphertext]`. `aad` binds the
 * ciphertext to its context (tenant, record), so a blob copied to another row won't decrypt.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
}

/** Reverses `seal`; throws when the key, the aad or the bytes don't match. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new Error('Unrecognised ciphertext format');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
}

/** Derives a 32-byte sub-key for one purpose (HKDF-SHA256), so one secret never does two jobs. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `loupe:${purpose}`, 32));
}

/** HMAC-SHA256 of a value, truncated to 16 bytes: a keyed blind index for equality search. */
export function blindIndex(key: Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value).digest().subarray(0, 16);
}

/** A fresh random 32-byte data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}
