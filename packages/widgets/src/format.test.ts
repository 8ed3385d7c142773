import { expect } from '@open-wc/testing';
import { parseAmount } from './components/store-credit-ledger/parse-amount.js';
import { formatMoney, formatMonthYear, formatRecent, formatSignedMoney } from './format.js';

describe('format', () => {
  it('formats integer minor units as money for the locale', () => {
    expect(formatMoney({ amount: 12050, currency: 'AUD' }, 'en-AU')).to.equal('$120.50');
    expect(formatMoney({ amount: 12050, currency: 'AUD' }, 'en-US')).to.equal('A$120.50');
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'ja-JP')).to.equal('￥1,500');
  });

  it('signs amounts so colour is not the only cue', () => {
    expect(formatSignedMoney({ amount: 2000, currency: 'AUD' }, 'en-AU')).to.equal('+$20.00');
    expect(formatSignedMoney({ amount: -2000, currency: 'AUD' }, 'en-AU')).to.equal('-$20.00');
  });

  it('parses what staff type into positive minor units', () => {
    expect(parseAmount('25', 'AUD')).to.equal(2500);
    expect(parseAmount('25.5', 'AUD')).to.equal(2550);
    expect(parseAmount('25,50', 'AUD')).to.equal(2550);
    expect(parseAmount('$1,250.00', 'AUD')).to.equal(125000);
    expect(parseAmount('1,250', 'AUD')).to.equal(125000);
    expect(parseAmount('1500', 'JPY')).to.equal(1500);
  });

  it('refuses what is not a positive amount', () => {
    expect(parseAmount('', 'AUD')).to.equal(null);
    expect(parseAmount('0', 'AUD')).to.equal(null);
    expect(parseAmount('0.00', 'AUD')).to.equal(null);
    expect(parseAmount('abc', 'AUD')).to.equal(null);
  });

  it('describes recent visits in words and older ones as dates', () => {
    const now = new Date(2026, 10, 26, 12);
    expect(formatRecent(new Date(2026, 10, 26, 9).toISOString(), now, 'en-AU')).to.equal('today');
    expect(formatRecent(new Date(2026, 10, 23, 9).toISOString(), now, 'en-AU')).to.equal(
      '3 days ago',
    );
    expect(formatRecent(new Date(2026, 5, 1, 9).toISOString(), now, 'en-AU')).to.equal(
      '1 June 2026',
    );
    expect(formatMonthYear(new Date(2021, 2, 15).toISOString(), 'en-AU')).to.equal('March 2021');
  });
});
