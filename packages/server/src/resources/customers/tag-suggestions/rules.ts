/**
 * Rule-based tag suggestions: pure functions of what a customer kept of their purchases, their
 * dates and their scores. Each rule names the tag, says why in words staff can read out
 * ("Bridal — bought a wedding band in March 2023") and points at the sale behind it. Tags the
 * customer already has (any case) are never suggested.
 *
 * | rule              | tag                                   | when                                                         |
 * | ----------------- | ------------------------------------- | ------------------------------------------------------------ |
 * | `bridal`          | Bridal                                | a kept piece is an engagement ring, wedding band or bridal   |
 * | `gemstone`        | Sapphires, Pearls, Emeralds, Rubies, Opals, Diamonds | a kept piece names the stone (diamonds: two pieces) |
 * | `watch_collector` | Watch collector                       | two or more watches kept (watch services don't count)        |
 * | `anniversary`     | Anniversary club                      | the customer's anniversary is on file                        |
 * | `gift_buyer`      | Gift buyer                            | bought in the month before the partner's birthday            |
 * | `vip`             | VIP                                   | segment `champions` or monetary score 5, and not a VIP yet   |
 * | `win_back`        | Win-back                              | health `churning`                                            |
 */
import type { HealthStatus, Segment } from '../../segments/rfm.js';

export const TAG_RULES = [
  'bridal',
  'gemstone',
  'watch_collector',
  'anniversary',
  'gift_buyer',
  'vip',
  'win_back',
] as const;
export type TagRule = (typeof TAG_RULES)[number];

/** A line the customer kept: bought in a completed sale and not returned. */
export interface KeptLine {
  saleId: string;
  occurredAt: Date;
  description: string;
  category: string | null;
  quantity: number;
}

/** What the rules read about the customer. */
export interface TagFacts {
  tags: readonly string[];
  isVip: boolean;
  /** `YYYY-MM-DD` or `--MM-DD`. */
  anniversary: string | null;
  spouseName: string | null;
  spouseBirthday: string | null;
  /** Newest first. */
  lines: readonly KeptLine[];
  scores: {
    segment: Segment;
    health: HealthStatus;
    monetaryScore: number;
    orders: number;
    netSpend: string;
    daysSinceLastPurchase: number;
    expectedGapDays: number;
  } | null;
}

export interface TagSuggestion {
  tag: string;
  rule: TagRule;
  reason: string;
  /** The sale the reason points at, when there is one. */
  sale_id: string | null;
}

/** Lines that are services or care products, not jewellery. */
const NOT_A_PIECE = /^(services?|care|repairs?)$/i;
const BRIDAL = /engagement|wedding|bridal/i;
const WATCH = /\bwatch(es)?\b/i;
const GEMSTONES: readonly { tag: string; word: RegExp; least: number }[] = [
  { tag: 'Sapphires', word: /sapphire/i, least: 1 },
  { tag: 'Pearls', word: /pearl/i, least: 1 },
  { tag: 'Emeralds', word: /emerald/i, least: 1 },
  { tag: 'Rubies', word: /\bruby|rubies/i, least: 1 },
  { tag: 'Opals', word: /\bopal/i, least: 1 },
  // Diamonds are in most fine jewellery: a taste shows only with a second piece.
  { tag: 'Diamonds', word: /diamond/i, least: 2 },
];

const MONTH_YEAR = new Intl.DateTimeFormat('en-AU', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const DAY_MONTH = new Intl.DateTimeFormat('en-AU', {
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
const monthYear = (d: Date) => MONTH_YEAR.format(d);
const text = (line: KeptLine) => `${line.description} ${line.category ?? ''}`;
const quoted = (line: KeptLine) => `“${line.description}”`;
const pieces = (n: number) => (n === 1 ? 'a piece' : `${n} pieces`);

function bridalWhat(line: KeptLine): string {
  const t = text(line);
  if (/engagement/i.test(t)) return 'an engagement ring';
  if (/wedding/i.test(t)) return 'a wedding band';
  return 'bridal jewellery';
}

/** `--MM-DD` or `YYYY-MM-DD` → [month, day]. */
function monthDay(date: string): [number, number] {
  const parts = date.replace(/^--/, '').split('-').slice(-2).map(Number);
  return [parts[0] ?? 1, parts[1] ?? 1];
}

/** The suggestions for one customer, in the table's order. */
export function suggestTags(facts: TagFacts): TagSuggestion[] {
  const have = new Set(facts.tags.map((t) => t.toLowerCase()));
  const out: TagSuggestion[] = [];
  const add = (s: TagSuggestion) => {
    if (have.has(s.tag.toLowerCase()) || out.some((o) => o.tag === s.tag)) return;
    out.push(s);
  };
  const pieceLines = facts.lines.filter((l) => !NOT_A_PIECE.test(l.category ?? ''));

  const bridal = pieceLines.find((l) => BRIDAL.test(text(l)));
  if (bridal) {
    add({
      tag: 'Bridal',
      rule: 'bridal',
      reason: `bought ${bridalWhat(bridal)} in ${monthYear(bridal.occurredAt)}`,
      sale_id: bridal.saleId,
    });
  }

  for (const gem of GEMSTONES) {
    const with_ = pieceLines.filter((l) => gem.word.test(l.description));
    const count = with_.reduce((n, l) => n + l.quantity, 0);
    const last = with_[0];
    if (!last || count < gem.least) continue;
    add({
      tag: gem.tag,
      rule: 'gemstone',
      reason:
        count === 1
          ? `bought ${quoted(last)} in ${monthYear(last.occurredAt)}`
          : `bought ${pieces(count)} with ${gem.tag.toLowerCase()}, the latest ${quoted(last)} in ${monthYear(last.occurredAt)}`,
      sale_id: last.saleId,
    });
  }

  const watches = pieceLines.filter((l) => WATCH.test(text(l)));
  const watchCount = watches.reduce((n, l) => n + l.quantity, 0);
  if (watches[0] && watchCount >= 2) {
    add({
      tag: 'Watch collector',
      rule: 'watch_collector',
      reason: `bought ${watchCount} watches, the latest in ${monthYear(watches[0].occurredAt)}`,
      sale_id: watches[0].saleId,
    });
  }

  if (facts.anniversary) {
    const [month, day] = monthDay(facts.anniversary);
    const year = /^\d{4}/.test(facts.anniversary)
      ? ` (since ${facts.anniversary.slice(0, 4)})`
      : '';
    add({
      tag: 'Anniversary club',
      rule: 'anniversary',
      reason: `their anniversary is on ${DAY_MONTH.format(new Date(Date.UTC(2000, month - 1, day)))}${year}`,
      sale_id: null,
    });
  }

  if (facts.spouseBirthday) {
    const [month, day] = monthDay(facts.spouseBirthday);
    const before = facts.lines.filter((l) => {
      const birthday = Date.UTC(l.occurredAt.getUTCFullYear(), month - 1, day);
      // The birthday of the purchase's year, or of the next when it is early January's.
      const next =
        birthday >= l.occurredAt.getTime()
          ? birthday
          : Date.UTC(l.occurredAt.getUTCFullYear() + 1, month - 1, day);
      return next - l.occurredAt.getTime() <= 31 * 86_400_000;
    });
    const years = [...new Set(before.map((l) => l.occurredAt.getUTCFullYear()))].sort();
    if (before[0] && years.length > 0) {
      const whose = facts.spouseName ? `${facts.spouseName}’s` : 'their partner’s';
      add({
        tag: 'Gift buyer',
        rule: 'gift_buyer',
        reason: `shopped in the month before ${whose} birthday in ${listOf(years.map(String))}`,
        sale_id: before[0].saleId,
      });
    }
  }

  const scores = facts.scores;
  if (scores && !facts.isVip && (scores.segment === 'champions' || scores.monetaryScore === 5)) {
    add({
      tag: 'VIP',
      rule: 'vip',
      reason: `${scores.netSpend} over ${scores.orders} ${scores.orders === 1 ? 'order' : 'orders'}${scores.segment === 'champions' ? ', one of the champions' : ''}`,
      sale_id: null,
    });
  }
  if (scores?.health === 'churning') {
    add({
      tag: 'Win-back',
      rule: 'win_back',
      reason: `no purchase for ${scores.daysSinceLastPurchase} days; they usually buy every ${Math.round(scores.expectedGapDays)} days`,
      sale_id: facts.lines[0]?.saleId ?? null,
    });
  }
  return out;
}

const listOf = (items: string[]) =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
