/**
 * Pure normalisation rules for customer fields: what "the same email", "the same phone" and
 * "the same tax id" mean, and how names are folded for search. No I/O.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Email as compared for uniqueness: lower-cased, every space removed. */
export function normaliseEmail(email: string): string {
  return email.replace(/\s+/g, '').toLowerCase();
}

/** Tax id as compared for search: spaces, dots and dashes removed, upper-cased. */
export function normaliseTaxId(taxId: string): string {
  return taxId.replace(/[\s.-]+/g, '').toUpperCase();
}

/** Letters that Unicode decomposition leaves whole, spelt as a counter would type them. */
const LETTER_SPELLINGS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPELT_LETTERS = new RegExp(`[${Object.keys(LETTER_SPELLINGS).join('')}]`, 'gu');
/** Apostrophes of every kind (O'Brien, O’Brien, OʼBrien) join the parts of a name. */
const APOSTROPHES = /['\u2018\u2019\u02bc\u02bb`\u00b4]/gu;

/**
 * Folds a name for search, the same way for the stored name and for what is typed: accents
 * removed, lower-cased, apostrophes dropped (O'Brien → obrien), hyphens and other punctuation
 * turned into spaces (Smith-Jones → smith jones), single spaces.
 */
export function foldName(value: string): string {
  return value
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPELT_LETTERS, (letter) => LETTER_SPELLINGS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Name particles a counter often leaves out (Ó Riordáin, van der Berg, de la Cruz), folded.
 * Search indexes every name with and without them. The same list is in the migration that
 * indexes names (`loupe_name_particles()`); a test keeps the two equal.
 */
export const NAME_PARTICLES: readonly string[] = [
  'o ni nic ui mac mag',
  'van von der den de het ten ter te zu vom zum',
  'da das di do dos du del della des la le lo y e',
  'al el bin ibn bint',
]
  .join(' ')
  .split(' ');
const PARTICLES = new Set(NAME_PARTICLES);

/** A folded name without its particles; unchanged when it is nothing but particles ("Van"). */
export function withoutParticles(folded: string): string {
  const words = folded.split(' ');
  const kept = words.filter((word) => !PARTICLES.has(word));
  return kept.length > 0 && kept.length < words.length ? kept.join(' ') : folded;
}

/** The searchable full name: "first last", folded. */
export function searchName(firstName: string | null, lastName: string | null): string {
  return foldName([firstName, lastName].filter(Boolean).join(' '));
}

const MIN_PHONE_DIGITS = 6;

/**
 * A phone number in E.164, read with the tenant's country as the default region so local
 * formats (`0412 345 678`) and international ones (`+61 412-345-678`) meet. Falls back to the
 * bare digits for numbers libphonenumber can't place; null when there are too few digits to
 * be a phone number.
 */
export function normalisePhone(input: string, defaultCountry: string | null): string | null {
  const digits = input.replace(/\D+/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  const parsed = parsePhoneNumberFromString(
    input,
    defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined,
  );
  if (parsed?.isPossible()) return parsed.number;
  return input.trim().startsWith('+') ? `+${digits}` : digits;
}

/**
 * Every form a typed phone number may be stored under (see `normalisePhone`): its E.164
 * number, its national digits (`0412345678`: how a tenant without a country stored a number
 * typed in national format) and its bare digits (how a number that couldn't be placed was
 * stored, or one stored before the tenant's phones were re-indexed for a new country).
 */
export function phoneSearchForms(input: string, defaultCountry: string | null): string[] {
  const stored = normalisePhone(input, defaultCountry);
  if (!stored) return [];
  const forms = new Set([stored]);
  const parsed = parsePhoneNumberFromString(
    input,
    defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined,
  );
  if (parsed?.isPossible()) forms.add(parsed.formatNational().replace(/\D+/g, ''));
  const digits = input.replace(/\D+/g, '');
  forms.add(input.trim().startsWith('+') ? `+${digits}` : digits);
  return [...forms];
}

/** True when the text has enough digits to be worth a phone lookup. */
export function looksLikePhone(input: string): boolean {
  return (
    /^[\d\s()+.-]+$/.test(input.trim()) && input.replace(/\D+/g, '').length >= MIN_PHONE_DIGITS
  );
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLESS_DATE = /^--(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date as `YYYY-MM-DD`, or a day of the year without a year as
 * `--MM-DD` (so nobody invents a birth year). `--02-29` is accepted; `2023-02-29` is not.
 */
export function isPartialDate(value: string): boolean {
  const full = FULL_DATE.exec(value);
  if (full) return isRealDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const yearless = YEARLESS_DATE.exec(value);
  // 2000 is a leap year, so 29 February is allowed when the year is unknown.
  if (yearless) return isRealDate(2000, Number(yearless[1]), Number(yearless[2]));
  return false;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The tag that means VIP. */
export const VIP_TAG = 'VIP';

/**
 * Tags cleaned for storage: trimmed, `vip` in any case spelt `VIP`, duplicates dropped
 * (first spelling wins, case-insensitively), order kept.
 */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase() === 'vip' ? VIP_TAG : raw.trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * Keeps the `VIP` tag and `is_vip` in step. An explicit `is_vip` wins and adds or removes the
 * tag; otherwise the tags decide.
 */
export function syncVip(
  tags: readonly string[],
  isVip: boolean | undefined,
): { tags: string[]; is_vip: boolean } {
  const cleaned = cleanTags(tags);
  if (isVip === undefined) return { tags: cleaned, is_vip: cleaned.includes(VIP_TAG) };
  if (isVip)
    return { tags: cleaned.includes(VIP_TAG) ? cleaned : [...cleaned, VIP_TAG], is_vip: true };
  return { tags: cleaned.filter((t) => t !== VIP_TAG), is_vip: false };
}
