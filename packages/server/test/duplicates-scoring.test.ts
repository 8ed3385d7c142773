import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DuplicateSignals,
  scoreDuplicate,
} from '../src/resources/customers/duplicates/scoring.js';

const none: DuplicateSignals = {
  sameEmail: false,
  samePhone: false,
  sameTaxId: false,
  nameSimilarity: 0,
  sameBirthday: false,
};

describe('duplicate scoring', () => {
  it('is not a duplicate when nothing matches, or only the birthday does', () => {
    assert.equal(scoreDuplicate(none), null);
    assert.equal(scoreDuplicate({ ...none, sameBirthday: true }), null);
    assert.equal(scoreDuplicate({ ...none, nameSimilarity: 0.2 }), null);
  });

  it('ranks a shared phone above a merely similar name', () => {
    const phone = scoreDuplicate({ ...none, samePhone: true });
    const name = scoreDuplicate({ ...none, nameSimilarity: 0.6 });
    assert.deepEqual(phone?.reasons, ['same_phone']);
    assert.deepEqual(name?.reasons, ['similar_name']);
    assert.ok(phone!.score > name!.score);
  });

  it('adds a birthday boost only on top of another signal', () => {
    const name = scoreDuplicate({ ...none, nameSimilarity: 0.8 })!;
    const nameAndBirthday = scoreDuplicate({ ...none, nameSimilarity: 0.8, sameBirthday: true })!;
    assert.ok(nameAndBirthday.score > name.score);
    assert.deepEqual(nameAndBirthday.reasons, ['similar_name', 'same_birthday']);
  });

  it('caps the score at 100', () => {
    const all = scoreDuplicate({
      sameEmail: true,
      samePhone: true,
      sameTaxId: true,
      nameSimilarity: 1,
      sameBirthday: true,
    })!;
    assert.equal(all.score, 100);
    assert.equal(all.reasons.length, 5);
  });
});
