import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch } from '../src/resources/customers/apply-patch.js';
import {
  cleanTags,
  foldName,
  isPartialDate,
  looksLikePhone,
  normaliseEmail,
  normalisePhone,
  normaliseTaxId,
  phoneSearchForms,
  searchName,
  syncVip,
  withoutParticles,
} from '../src/resources/customers/normalise.js';
import { EMPTY_STATE } from '../src/resources/customers/store.js';

const actor = { kind: 'secret' as const, id: 'key_1', name: 'Till 1' };
const now = new Date('2026-03-01T10:00:00.000Z');

describe('normalisation', () => {
  it('compares emails without case or spaces', () => {
    assert.equal(normaliseEmail(' Ada.Lovelace @Example.COM '), 'ada.lovelace@example.com');
  });
  it('compares tax ids without spaces, dots or dashes', () => {
    assert.equal(normaliseTaxId('ab-123.456 c'), 'AB123456C');
  });
  it('folds names for search: accents, case, punctuation', () => {
    assert.equal(foldName('  Zoë   MÜLLER-Smith '), 'zoe muller smith');
    assert.equal(searchName('Amélie', null), 'amelie');
    assert.equal(searchName(null, "O'Brien"), 'obrien');
    assert.equal(searchName(null, 'O\u2019Brien'), 'obrien');
    assert.equal(foldName('Søren Æbeltoft-Groß Łukasz'), 'soren aebeltoft gross lukasz');
    assert.equal(foldName('Siobhán Ó Riordáin'), 'siobhan o riordain');
  });
  it('drops name particles, unless nothing else is left', () => {
    assert.equal(withoutParticles('pieter van der berg'), 'pieter berg');
    assert.equal(withoutParticles('siobhan o riordain'), 'siobhan riordain');
    assert.equal(withoutParticles('van der'), 'van der');
    assert.equal(withoutParticles('amelia chen'), 'amelia chen');
  });
  it('reads local and international phone formats as one E.164 number', () => {
    for (const input of ['0412 345 678', '+61 412-345-678', '(04) 1234 5678', '61412345678']) {
      assert.equal(normalisePhone(input, 'AU'), '+61412345678', input);
    }
    assert.equal(normalisePhone('021 123 4567', 'NZ'), '+64211234567');
    assert.equal(normalisePhone('12', 'AU'), null);
    assert.ok(looksLikePhone('(03) 9876 5432'));
    assert.deepEqual(phoneSearchForms('+61 412 345 678', null), ['+61412345678', '0412345678']);
    assert.deepEqual(phoneSearchForms('0412 345 678', null), ['0412345678']);
    assert.deepEqual(phoneSearchForms('0412 345 678', 'AU'), ['+61412345678', '0412345678']);
    assert.ok(!looksLikePhone('amelia'));
  });
  it('accepts real dates with or without a year', () => {
    for (const ok of ['1988-03-28', '--02-29', '2024-02-29']) assert.ok(isPartialDate(ok), ok);
    for (const bad of ['2023-02-29', '--04-31', '1988-3-28', '--13-01', '', '0000-01-01']) {
      assert.ok(!isPartialDate(bad), bad);
    }
  });
});

describe('VIP and tags', () => {
  it('spells vip as VIP and drops duplicates case-insensitively', () => {
    assert.deepEqual(cleanTags(['vip', ' Bridal ', 'bridal', 'VIP']), ['VIP', 'Bridal']);
  });
  it('lets an explicit is_vip win, else the tags decide', () => {
    assert.deepEqual(syncVip(['bridal'], true), { tags: ['bridal', 'VIP'], is_vip: true });
    assert.deepEqual(syncVip(['VIP', 'bridal'], false), { tags: ['bridal'], is_vip: false });
    assert.deepEqual(syncVip(['vip'], undefined), { tags: ['VIP'], is_vip: true });
    assert.deepEqual(syncVip(['VIP', 'x'], true).tags, ['VIP', 'x'], 'keeps the position');
  });
});

describe('applyPatch', () => {
  it('merges the address key by key and clears it with null', () => {
    const withAddress = applyPatch(
      EMPTY_STATE,
      { address: { line1: '1 A St', postcode: '3000' } },
      { actor, now },
    );
    assert.deepEqual(withAddress.address, {
      line1: '1 A St',
      line2: null,
      suburb: null,
      state: null,
      postcode: '3000',
      country: null,
    });
    const moved = applyPatch(withAddress, { address: { postcode: '3001' } }, { actor, now });
    assert.equal(moved.address?.line1, '1 A St');
    assert.equal(moved.address?.postcode, '3001');
    assert.equal(applyPatch(moved, { address: null }, { actor, now }).address, null);
  });
  it('stamps consent with the time and the caller unless given', () => {
    const state = applyPatch(
      EMPTY_STATE,
      { marketing_consent: { sms: { granted: false } } },
      { actor, now },
    );
    assert.deepEqual(state.marketing_consent, {
      email: null,
      sms: { granted: false, at: now.toISOString(), by: 'Till 1' },
    });
    const given = applyPatch(
      state,
      {
        marketing_consent: { email: { granted: true, at: '2025-01-01T00:00:00Z', by: 'web form' } },
      },
      { actor, now },
    );
    assert.equal(given.marketing_consent.email?.by, 'web form');
    assert.equal(given.marketing_consent.sms?.granted, false, 'the other channel is kept');
  });
  it('leaves fields not in the patch alone', () => {
    const base = applyPatch(
      EMPTY_STATE,
      { first_name: 'A', ring_size: 'N', tags: ['x'] },
      { actor, now },
    );
    const next = applyPatch(base, { ring_size: 'O' }, { actor, now });
    assert.equal(next.first_name, 'A');
    assert.deepEqual(next.tags, ['x']);
    assert.equal(next.ring_size, 'O');
  });
});
