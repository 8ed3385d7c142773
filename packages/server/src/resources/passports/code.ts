/**
 * A passport's public code: what is printed on the certificate and encoded in its QR card.
 * Pure and dependency-free: the SDK ships a generated copy of this file
 * (`packages/sdk/src/generated/passport-code.gen.ts`), so the verifier widget tells a typo
 * from an unknown code with the same rules, without a request.
 *
 * The code is 20 random symbols (100 bits) of Crockford's base-32 alphabet, which leaves out
 * I, L, O and U, then one check symbol (Luhn mod 32: every single mistyped symbol and almost
 * every swap of two neighbours fails the check). Shown upper case in seven groups of three,
 * e.g. `K7M-2QX-9HD-F4W-RT8-CPN-3BT`, so it reads aloud and types without confusion.
 */

/** The 32 symbols, in value order. */
export const PASSPORT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random symbols in a code (5 bits each: 100 bits). */
export const PASSPORT_CODE_RANDOM_SYMBOLS = 20;
/** Symbols in a code, the check symbol included. */
export const PASSPORT_CODE_LENGTH = PASSPORT_CODE_RANDOM_SYMBOLS + 1;
const GROUP = 3;

/** Why what someone typed is not a code. */
export type PassportCodeProblem =
  /** Too few or too many symbols: probably cut short or pasted twice. */
  | 'wrong_length'
  /** A character no code has (after the usual mix-ups are mapped). */
  | 'invalid_character'
  /** Right length and symbols, but the check symbol disagrees: a typo. */
  | 'check_failed';

/** The outcome of reading a typed code. */
export type ParsedPassportCode =
  | { ok: true /** Canonical: 21 symbols, upper case, no separators. */; code: string }
  | { ok: false; problem: PassportCodeProblem };

/**
 * What people type, made canonical: upper case, without spaces, dashes, dots or underscores,
 * with O read as 0 and I or L as 1 (the alphabet has none of them, so no code changes).
 */
export function normalisePassportCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-._\u2010-\u2015]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The check symbol for 20 symbols of the alphabet (Luhn mod N, N = 32). */
export function passportCheckSymbol(symbols: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = symbols.length - 1; i >= 0; i--) {
    let addend = factor * PASSPORT_CODE_ALPHABET.indexOf(symbols[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return PASSPORT_CODE_ALPHABET[(32 - (sum % 32)) % 32]!;
}

/**
 * Reads what someone typed (or a QR code carried): the canonical code, or why it can't be one.
 * Never looks anything up: a code that passes may still be unknown.
 */
export function parsePassportCode(input: string): ParsedPassportCode {
  const code = normalisePassportCode(input);
  for (const char of code) {
    if (!PASSPORT_CODE_ALPHABET.includes(char)) return { ok: false, problem: 'invalid_character' };
  }
  if (code.length !== PASSPORT_CODE_LENGTH) return { ok: false, problem: 'wrong_length' };
  const body = code.slice(0, PASSPORT_CODE_RANDOM_SYMBOLS);
  if (passportCheckSymbol(body) !== code[PASSPORT_CODE_RANDOM_SYMBOLS]) {
    return { ok: false, problem: 'check_failed' };
  }
  return { ok: true, code };
}

/** A canonical code as people read it: groups of three joined by dashes. */
export function formatPassportCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * A new canonical code from at least 20 random bytes (the caller draws them from a secure
 * source). Each byte gives one symbol through its low 5 bits: 256 is a multiple of 32, so
 * every symbol is equally likely.
 */
export function passportCodeFromRandom(bytes: Uint8Array): string {
  if (bytes.length < PASSPORT_CODE_RANDOM_SYMBOLS) {
    throw new RangeError(`need ${PASSPORT_CODE_RANDOM_SYMBOLS} random bytes`);
  }
  let body = '';
  for (let i = 0; i < PASSPORT_CODE_RANDOM_SYMBOLS; i++) {
    body += PASSPORT_CODE_ALPHABET[bytes[i]! & 31];
  }
  return body + passportCheckSymbol(body);
}
