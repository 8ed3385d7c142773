/**
 * How alike two customer records are. Pure: the SQL finds candidates and the signals, this
 * turns signals into a score a person can sort by and reasons they can read.
 */

/** Why a record looks like a duplicate; strings on the wire. */
export const DUPLICATE_REASONS = [
  'same_email',
  'same_phone',
  'same_tax_id',
  'similar_name',
  'same_birthday',
] as const;

export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** What the database found when comparing a candidate with the customer. */
export interface DuplicateSignals {
  sameEmail: boolean;
  samePhone: boolean;
  sameTaxId: boolean;
  /** pg_trgm similarity of the full names, 0–1. */
  nameSimilarity: number;
  sameBirthday: boolean;
}

/** Name similarity at or above this counts as a reason on its own. */
export const SIMILAR_NAME_THRESHOLD = 0.45;

/**
 * Points per signal. An identifier shared by two records (email, phone, tax id) is strong
 * evidence; a similar name alone is weaker (families share surnames), and a shared birthday
 * only strengthens another signal.
 */
const WEIGHTS = {
  same_email: 60,
  same_phone: 50,
  same_tax_id: 50,
  similar_name: 35,
  same_birthday: 15,
} as const;

/** A scored candidate: `score` is 0–100, `reasons` strongest first. */
export interface DuplicateScore {
  score: number;
  reasons: DuplicateReason[];
}

/** Scores one candidate; `null` when nothing but a birthday (or nothing at all) matches. */
export function scoreDuplicate(signals: DuplicateSignals): DuplicateScore | null {
  const reasons: DuplicateReason[] = [];
  let score = 0;
  if (signals.sameEmail) {
    reasons.push('same_email');
    score += WEIGHTS.same_email;
  }
  if (signals.samePhone) {
    reasons.push('same_phone');
    score += WEIGHTS.same_phone;
  }
  if (signals.sameTaxId) {
    reasons.push('same_tax_id');
    score += WEIGHTS.same_tax_id;
  }
  if (signals.nameSimilarity >= SIMILAR_NAME_THRESHOLD) {
    reasons.push('similar_name');
    score += Math.round(WEIGHTS.similar_name * signals.nameSimilarity);
  }
  if (reasons.length === 0) return null;
  if (signals.sameBirthday) {
    reasons.push('same_birthday');
    score += WEIGHTS.same_birthday;
  }
  return { score: Math.min(100, score), reasons };
}
