import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  formatPassportCode,
  normalisePassportCode,
  PASSPORT_CODE_ALPHABET,
  PASSPORT_CODE_LENGTH,
  parsePassportCode,
  passportCheckSymbol,
  passportCodeFromRandom,
} from '../src/resources/passports/code.js';

// The public code on a passport: what a shopper types from a certificate, and what the
// verifier widget checks before asking the server (the SDK ships this module's copy).

const fresh = () => passportCodeFromRandom(randomBytes(20));

describe('passport codes', () => {
  it('are 20 random symbols (100 bits) and a check symbol, with no I, L, O or U', () => {
    for (let i = 0; i < 200; i++) {
      const code = fresh();
      assert.equal(code.length, PASSPORT_CODE_LENGTH);
      assert.match(code, /^[0-9A-HJKMNP-TV-Z]{21}$/);
      assert.deepEqual(parsePassportCode(code), { ok: true, code });
    }
    assert.equal(PASSPORT_CODE_ALPHABET.length, 32, '5 bits a symbol: 20 symbols are 100 bits');
  });

  it('draw every symbol evenly from the random bytes', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const char of fresh().slice(0, 20)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    assert.equal(counts.size, 32);
    // 40,000 symbols: 1,250 expected each; a biased symbol would be far off.
    for (const [char, n] of counts) assert.ok(n > 1000 && n < 1500, `${char}: ${n}`);
  });

  it('read aloud in seven groups of three', () => {
    const code = fresh();
    const shown = formatPassportCode(code);
    assert.match(shown, /^([0-9A-Z]{3}-){6}[0-9A-Z]{3}$/);
    assert.equal(normalisePassportCode(shown), code);
  });

  it('accept what people type: lower case, spaces, dashes, O for 0, I or L for 1', () => {
    // A code with a 0 and a 1 in it, typed carelessly.
    const body = '01ABCDEFGHJKMNPQRSTV';
    const code = body + passportCheckSymbol(body);
    // Spaces, dashes, an em dash from a phone's keyboard, lower case, o for 0 and i for 1.
    const typed = ` oia-bcd efg hjk  mnp—qrs tv${code[20]!.toLowerCase()} `;
    assert.deepEqual(parsePassportCode(typed), { ok: true, code });
    assert.deepEqual(parsePassportCode(code.replace('1', 'l')), { ok: true, code });
    assert.deepEqual(parsePassportCode(formatPassportCode(code).replace(/-/g, ' ')), {
      ok: true,
      code,
    });
  });

  it('tell a typo from an unknown code without a lookup: every single wrong symbol fails the check', () => {
    const code = fresh();
    for (let i = 0; i < code.length; i++) {
      for (const other of PASSPORT_CODE_ALPHABET) {
        if (other === code[i]) continue;
        const typo = code.slice(0, i) + other + code.slice(i + 1);
        assert.deepEqual(parsePassportCode(typo), { ok: false, problem: 'check_failed' }, typo);
      }
    }
  });

  it('catch almost every swap of two neighbouring symbols', () => {
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 50; n++) {
      const code = fresh();
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        swaps++;
        if (!parsePassportCode(swapped).ok) caught++;
      }
    }
    // Luhn mod 32 misses only the swap of 0 and Z (values 0 and 31).
    assert.ok(caught / swaps > 0.99, `${caught}/${swaps}`);
  });

  it('say why what was typed is not a code', () => {
    const code = fresh();
    assert.deepEqual(parsePassportCode(code.slice(0, 20)), { ok: false, problem: 'wrong_length' });
    assert.deepEqual(parsePassportCode(`${code}7`), { ok: false, problem: 'wrong_length' });
    assert.deepEqual(parsePassportCode(''), { ok: false, problem: 'wrong_length' });
    assert.deepEqual(parsePassportCode(`${code.slice(0, 20)}U`), {
      ok: false,
      problem: 'invalid_character',
    });
    assert.deepEqual(parsePassportCode('<script>'), { ok: false, problem: 'invalid_character' });
  });

  it('refuse too few random bytes rather than make a weak code', () => {
    assert.throws(() => passportCodeFromRandom(new Uint8Array(19)), RangeError);
  });
});
