import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMinorUnits, nextBalance } from '../src/resources/customers/store-credit/balance.js';

describe('ledger arithmetic', () => {
  it('credits and debits within the balance', () => {
    assert.deepEqual(nextBalance(0, 5000), { ok: true, balance: 5000 });
    assert.deepEqual(nextBalance(5000, -5000), { ok: true, balance: 0 });
  });

  it('refuses a debit past the balance and reports the balance it had', () => {
    assert.deepEqual(nextBalance(4999, -5000), {
      ok: false,
      refusal: { kind: 'insufficient', balance: 4999 },
    });
  });

  it('refuses zero, fractions and amounts too large to add exactly', () => {
    assert.deepEqual(nextBalance(100, 0), { ok: false, refusal: { kind: 'zero_amount' } });
    assert.deepEqual(nextBalance(100, 1.5), { ok: false, refusal: { kind: 'not_integer' } });
    assert.deepEqual(nextBalance(Number.MAX_SAFE_INTEGER, 1), {
      ok: false,
      refusal: { kind: 'not_integer' },
    });
  });

  it('formats minor units with the currency’s own decimals for messages', () => {
    assert.equal(formatMinorUnits(12_000, 'AUD'), 'A$120.00');
    assert.equal(formatMinorUnits(1500, 'JPY'), '¥1,500');
  });
});
