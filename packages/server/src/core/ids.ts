import { randomFillSync } from 'node:crypto';

/** Every id prefix in use. One list so a typo can't mint an unknown kind of id. */
export const ID_PREFIXES = {
  tenant: 'ten',
  branch: 'br',
  key: 'key',
  customer: 'cus',
  audit: 'aud',
  session: 'ses',
  storeCreditTransaction: 'sct',
  platformKey: 'plk',
  customerImport: 'imp',
  repair: 'rep',
  bespokeJob: 'bsp',
  customerMerge: 'mrg',
  note: 'note',
  communication: 'com',
  passport: 'pas',
  passportTransfer: 'ptr',
  sale: 'sal',
  document: 'doc',
  loyaltyTransaction: 'lty',
  wishlistItem: 'wsh',
  quote: 'quo',
  invoice: 'inv',
  address: 'adr',
  webhookEndpoint: 'whe',
  webhookEvent: 'evt',
  webhookDelivery: 'whd',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** Makes a new id of a kind; injected into the app so tests can make ids deterministic. */
export type IdGenerator = (kind: IdKind) => string;

// Crockford base32, lower-case: no i, l, o, u, so ids read aloud unambiguously.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_POOL_SIZE = 4096;

/**
 * Creates an id generator: `<prefix>_` + 26 chars = 48-bit millisecond timestamp (10 chars,
 * so ids sort by creation time) + 80 random bits (16 chars).
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  // Random bytes are drawn in bulk: one syscall per ~400 ids instead of one per id.
  const pool = Buffer.allocUnsafe(RANDOM_POOL_SIZE);
  let offset = RANDOM_POOL_SIZE;

  return (kind) => {
    if (offset + 10 > RANDOM_POOL_SIZE) {
      randomFillSync(pool);
      offset = 0;
    }
    let out = `${ID_PREFIXES[kind]}_`;
    let time = now();
    let timeChars = '';
    for (let i = 0; i < 10; i++) {
      timeChars = ALPHABET[time % 32] + timeChars;
      time = Math.floor(time / 32);
    }
    out += timeChars;
    // 80 bits = 16 chars of 5 bits; consume 10 bytes as two 40-bit halves.
    for (let half = 0; half < 2; half++) {
      let bits = 0;
      for (let b = 0; b < 5; b++) bits = bits * 256 + pool[offset++]!;
      let chars = '';
      for (let i = 0; i < 8; i++) {
        chars = ALPHABET[bits % 32] + chars;
        bits = Math.floor(bits / 32);
      }
      out += chars;
    }
    return out;
  };
}
