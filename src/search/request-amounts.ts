import type { Lexicon, LanguageMarkers } from './lexicon.ts';
import { normalizeText } from './text.ts';

/**
 * Quantities, budgets and deadlines in a buyer's request, read from the
 * normalised text with the lexicon's markers of every language (buyers mix
 * them: "300 pcs, menos de 10 euros"). Each reader returns what it found and
 * where, so one number is not read as two things.
 */

export interface Budget {
  amount: number;
  currency: string;
  per: 'unit' | 'total';
  min?: number;
}

export interface Deadline {
  /** days from now the goods are needed in; lead time must not exceed it */
  days: number;
  /** the date, when the buyer named one */
  date?: string;
  text: string;
}

interface MarkerSets {
  quantityUnits: string[];
  budgetMax: string[];
  perUnit: string[];
  total: string[];
  deadlineBy: string[];
  deadlineWithin: string[];
  timeUnits: Array<{ days: number; words: string[] }>;
  months: Map<string, number>;
  /** full month names only (months also holds abbreviations): "mar" (Spanish for sea) is no date before "para" */
  fullMonthNames: string[];
  deadlineAfter: string[];
  monthSuffixes: string[];
  numberWords: Map<string, number>;
  sizeWords: string[];
  dozenWords: string[];
}

const cache = new WeakMap<Lexicon, MarkerSets>();

function collect(lexicon: Lexicon, pick: (m: LanguageMarkers) => string[]): string[] {
  const all = new Set<string>();
  for (const markers of Object.values(lexicon.markers)) for (const word of pick(markers!)) all.add(normalizeText(word));
  return [...all].filter(Boolean).sort((a, b) => b.length - a.length);
}

export function markerSets(lexicon: Lexicon): MarkerSets {
  let sets = cache.get(lexicon);
  if (sets) return sets;
  const months = new Map<string, number>();
  const numberWords = new Map<string, number>();
  for (const markers of Object.values(lexicon.markers)) {
    markers!.months.forEach((month, index) => months.set(normalizeText(month), index));
    markers!.month_abbreviations.forEach((month, index) => {
      if (normalizeText(month).length >= 3) months.set(normalizeText(month), index);
    });
    for (const [word, value] of Object.entries(markers!.number_words)) numberWords.set(normalizeText(word), value);
  }
  sets = {
    quantityUnits: collect(lexicon, (m) => m.quantity_units),
    budgetMax: collect(lexicon, (m) => m.budget_max),
    perUnit: collect(lexicon, (m) => m.per_unit),
    total: collect(lexicon, (m) => m.total),
    deadlineBy: collect(lexicon, (m) => m.deadline_by),
    deadlineWithin: collect(lexicon, (m) => m.deadline_within),
    timeUnits: [
      { days: 1, words: collect(lexicon, (m) => m.time_units.day ?? []) },
      { days: 7, words: collect(lexicon, (m) => m.time_units.week ?? []) },
      { days: 30, words: collect(lexicon, (m) => m.time_units.month ?? []) },
    ],
    months,
    fullMonthNames: collect(lexicon, (m) => m.months),
    deadlineAfter: collect(lexicon, (m) => m.deadline_after),
    monthSuffixes: collect(lexicon, (m) => m.month_suffixes),
    numberWords,
    sizeWords: collect(lexicon, (m) => m.size_words),
    dozenWords: collect(lexicon, (m) => m.dozen_words),
  };
  cache.set(lexicon, sets);
  return sets;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function alternation(words: string[]): string {
  return words.length ? words.map(escapeRegExp).join('|') : '(?!)';
}

const compiledPatterns = new WeakMap<object, Map<string, RegExp>>();

/**
 * The pattern `build` makes, compiled once per `owner` (the lexicon or its marker sets) and `key`: the
 * alternations run over every language's markers, and building them for each request took about half of
 * understand()'s time. The patterns have no g or y flag, so sharing them keeps no state.
 */
export function compiled(owner: object, key: string, build: () => string): RegExp {
  let patterns = compiledPatterns.get(owner);
  if (!patterns) compiledPatterns.set(owner, (patterns = new Map()));
  let pattern = patterns.get(key);
  if (!pattern) patterns.set(key, (pattern = new RegExp(build(), 'u')));
  return pattern;
}

// Word edges that work for every script (\b is ASCII-only in JS). Chinese writes no spaces, so a Han
// character next to a number or marker is no word edge to respect.
const WORD_CHAR = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{N}]';
export const BEFORE = `(?<!${WORD_CHAR})`;
export const AFTER = `(?!${WORD_CHAR})`;

const NUMBER = '\\d+(?:[ ,.]\\d{3})*(?:[.,]\\d+)?';

/** "3,000" → 3000, "3 000" → 3000, "12,50" → 12.5, "1.5" → 1.5 */
export function parseNumber(text: string): number {
  const compact = text.replace(/\s/g, '');
  if (/^\d{1,3}([,.]\d{3})+$/.test(compact)) return Number(compact.replace(/[,.]/g, ''));
  return Number(compact.replace(',', '.'));
}

const MULTIPLIERS: Record<string, number> = { k: 1000, mil: 1000, тыс: 1000, 'тыс.': 1000, 千: 1000, 万: 10000 };

export interface Found<T> {
  value: T;
  start: number;
  end: number;
}

const HAN_UNIT = new RegExp(`(${NUMBER})\\s*(千|万)?\\s*(?:件|个|条|双|套|只)`, 'u');
// "3k" is a quantity; "18k gold" is a purity.
const KILO = new RegExp(
  `${BEFORE}(${NUMBER})\\s*k${AFTER}(?!\\s*(?:usd|eur|\\$|€|gold|oro|ouro|or|gp|gf|золот|ذهب|金))`,
  'u',
);

export function findQuantity(text: string, sets: MarkerSets, productWords: RegExp): Found<number> | undefined {
  const withUnit = compiled(
    sets,
    'quantity with unit',
    () => `${BEFORE}(${NUMBER})\\s*(k|mil|тыс\\.?|千|万)?\\s*(?:${alternation(sets.quantityUnits)})${AFTER}`,
  );
  for (const pattern of [withUnit, HAN_UNIT]) {
    const match = pattern.exec(text);
    if (match) return found(parseNumber(match[1]!) * (MULTIPLIERS[match[2] ?? ''] ?? 1), match);
  }
  const words = numberWordQuantity(text, sets);
  if (words) return words;
  // "two dozen", "2 docenas"
  if (sets.dozenWords.length) {
    const dozens = compiled(
      sets,
      'dozens',
      () =>
        `${BEFORE}(\\d+|${alternation([...sets.numberWords.keys()])})\\s*(?:${alternation(sets.dozenWords)})${AFTER}`,
    ).exec(text);
    if (dozens) {
      const count = /^\d+$/.test(dozens[1]!) ? Number(dozens[1]) : (sets.numberWords.get(dozens[1]!) ?? 0);
      if (count > 0) return found(count * 12, dozens);
    }
  }
  // "3k red dresses", "need 300 red chiffon maxi dresses": a number right before product words.
  const beforeProduct = new RegExp(
    `${BEFORE}(${NUMBER})\\s*(k)?\\s+(?=(?:[\\p{L}-]+\\s+){0,3}(?:${productWords.source}))`,
    'u',
  );
  const match = beforeProduct.exec(text);
  if (match && !/[$€£¥₽]\s*$/.test(text.slice(0, match.index))) {
    return found(parseNumber(match[1]!) * (match[2] ? 1000 : 1), match);
  }
  const kilo = KILO.exec(text);
  if (kilo && !/[$€£¥₽]\s*$/.test(text.slice(0, kilo.index))) return found(parseNumber(kilo[1]!) * 1000, kilo);
  return undefined;
}

function numberWordQuantity(text: string, sets: MarkerSets): Found<number> | undefined {
  if (!sets.numberWords.size) return undefined;
  const pattern = compiled(sets, 'number words', () => {
    const words = [...sets.numberWords.keys()].sort((a, b) => b.length - a.length);
    return `${BEFORE}((?:(?:${alternation(words)})(?:\\s+(?:y|e|und|et|and|и|ve)\\s+|\\s+|-)?)+)\\s*(?:${alternation(sets.quantityUnits)})${AFTER}`;
  });
  const match = pattern.exec(text);
  if (!match) return undefined;
  let total = 0;
  let current = 0;
  for (const word of match[1]!.split(/[\s-]+/)) {
    const value = sets.numberWords.get(word);
    if (value === undefined) continue;
    if (value >= 1000) {
      total += Math.max(current, 1) * value;
      current = 0;
    } else if (value === 100 && current > 0 && current < 10) current *= 100;
    else current += value;
  }
  const value = total + current;
  return value > 0 ? found(value, match) : undefined;
}

function found<T>(value: T, match: RegExpExecArray): Found<T> {
  return { value, start: match.index, end: match.index + match[0].length };
}

const currencyTermCache = new WeakMap<Lexicon, Array<{ code: string; term: string }>>();

/** Every currency term, normalised, longest first, with its code. */
function currencyTerms(lexicon: Lexicon): Array<{ code: string; term: string }> {
  let terms = currencyTermCache.get(lexicon);
  if (!terms) {
    terms = lexicon.currencies.flatMap((c) => c.terms.map((term) => ({ code: c.code, term: normalizeText(term) })));
    terms.sort((a, b) => b.term.length - a.term.length);
    currencyTermCache.set(lexicon, terms);
  }
  return terms;
}

export function findBudget(text: string, lexicon: Lexicon, sets: MarkerSets): Found<Budget> | undefined {
  const currencies = currencyTerms(lexicon);
  const codeOf = (term: string) => currencies.find((c) => c.term === term.trim())?.code ?? 'USD';
  const words = () => alternation(currencies.map((c) => c.term));
  const symbolFirst = compiled(
    lexicon,
    'budget, symbol first',
    () => `${BEFORE}(${words()})\\s*(${NUMBER})(?:\\s*(?:-|–|~|to|a|à|bis)\\s*(?:${words()})?\\s*(${NUMBER}))?`,
  );
  const numberFirst = compiled(
    lexicon,
    'budget, number first',
    () => `${BEFORE}(${NUMBER})(?:\\s*(?:-|–|~|to|a|à|bis)\\s*(${NUMBER}))?\\s*(${words()})${AFTER}`,
  );
  let amount: number | undefined;
  let min: number | undefined;
  let currency = 'USD';
  let match = symbolFirst.exec(text);
  if (match) {
    currency = codeOf(match[1]!);
    [min, amount] = match[3] ? [parseNumber(match[2]!), parseNumber(match[3])] : [undefined, parseNumber(match[2]!)];
  } else {
    match = numberFirst.exec(text);
    if (match) {
      currency = codeOf(match[3]!);
      [min, amount] = match[2] ? [parseNumber(match[1]!), parseNumber(match[2])] : [undefined, parseNumber(match[1]!)];
    }
  }
  if (!match) {
    // "under 12", "no more than 9": a bare number after a budget marker, not followed by a unit of time or quantity.
    const timeOrUnit = () => alternation([...sets.timeUnits.flatMap((t) => t.words), ...sets.quantityUnits]);
    const bare = compiled(
      sets,
      'budget, bare number',
      () => `${BEFORE}(?:${alternation(sets.budgetMax)})\\s+(${NUMBER})(?!\\s*(?:k|${timeOrUnit()})${AFTER})(?![\\d%])`,
    ).exec(text);
    // "budget 3000 total", "3000 in total": a bare number beside a total marker is a total budget.
    const bareTotal =
      compiled(
        sets,
        'budget, total then number',
        () =>
          `${BEFORE}(?:${alternation(sets.total)})\\s+(?:(?:is|of|de|:)\\s+)?(${NUMBER})(?!\\s*(?:k|${timeOrUnit()})${AFTER})`,
      ).exec(text) ??
      compiled(
        sets,
        'budget, number then total',
        () => `${BEFORE}(${NUMBER})\\s+(?:${alternation(sets.total)})${AFTER}`,
      ).exec(text);
    match = bare ?? bareTotal;
    if (!match) return undefined;
    amount = parseNumber(match[1]!);
  }
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return undefined;
  const start = match.index;
  const end = start + match[0].length;
  const around = text.slice(Math.max(0, start - 30), Math.min(text.length, end + 30));
  const after = text.slice(end, end + 25);
  const perUnit = compiled(
    sets,
    'per unit',
    () => `${BEFORE}(?:${alternation(sets.perUnit)})${AFTER}|^\\s*/\\s*(?:pc|pcs|piece|unit|u)`,
  ).test(after);
  const total =
    !perUnit && compiled(sets, 'total', () => `${BEFORE}(?:${alternation(sets.total)})${AFTER}`).test(around);
  return {
    value: { amount, currency, per: total ? 'total' : 'unit', ...(min !== undefined ? { min } : {}) },
    start,
    end,
  };
}

export function findDeadline(text: string, sets: MarkerSets, now: Date): Found<Deadline> | undefined {
  for (const unit of sets.timeUnits) {
    if (!unit.words.length) continue;
    const match = compiled(
      sets,
      `within ${unit.days} days`,
      () => `${BEFORE}(\\d+|${alternation([...sets.numberWords.keys()])})\\s*(?:${alternation(unit.words)})${AFTER}`,
    ).exec(text);
    if (match) {
      const count = /^\d+$/.test(match[1]!) ? Number(match[1]) : (sets.numberWords.get(match[1]!) ?? 0);
      if (count > 0)
        return {
          value: { days: count * unit.days, text: match[0] },
          start: match.index,
          end: match.index + match[0].length,
        };
    }
  }
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return dateDeadline(new Date(Date.UTC(+iso[1]!, +iso[2]! - 1, +iso[3]!)), now, iso);
  const byMonth = compiled(sets, 'by month', () => {
    const monthNames = [...sets.months.keys()].sort((a, b) => b.length - a.length);
    return `${BEFORE}(?:${alternation(sets.deadlineBy)})\\s+(?:(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?)?(?:${'(?:early|end of|mid|principios de|finales de|fin de|début|fin|anfang|ende|inizio|fine)\\s+(?:de\\s+|d\\s+)?'})?(${alternation(monthNames)})${AFTER}(?:\\s+(\\d{1,2})${AFTER})?`;
  }).exec(text);
  if (byMonth) return monthDeadline(byMonth[2]!, byMonth[1] ?? byMonth[3], sets, now, byMonth);
  // Languages that put "by" after the date (the markers' deadline_after), with a case ending on the month after an
  // apostrophe or not (month_suffixes): "15 Haziran'a kadar", "Mart'tan önce", "hazirana kadar".
  const monthThenBy = compiled(sets, 'month then by', () => {
    const suffix = `(?:'\\p{L}+|${alternation(sets.monthSuffixes)})?`;
    return `${BEFORE}(?:(\\d{1,2})\\s+)?(${alternation(sets.fullMonthNames)})${suffix}\\s+(?:${alternation(sets.deadlineAfter)})${AFTER}`;
  }).exec(text);
  if (monthThenBy) return monthDeadline(monthThenBy[2]!, monthThenBy[1], sets, now, monthThenBy);
  return undefined;
}

/** The next date of that month (and day, else the 1st) after now. */
function monthDeadline(
  monthName: string,
  dayText: string | undefined,
  sets: MarkerSets,
  now: Date,
  match: RegExpExecArray,
): Found<Deadline> | undefined {
  const month = sets.months.get(monthName)!;
  const day = Number(dayText ?? 1);
  let year = now.getUTCFullYear();
  if (Date.UTC(year, month, day) <= now.getTime()) year++;
  return dateDeadline(new Date(Date.UTC(year, month, Math.min(day, 28))), now, match);
}

function dateDeadline(date: Date, now: Date, match: RegExpExecArray): Found<Deadline> | undefined {
  const days = Math.floor((date.getTime() - now.getTime()) / 86_400_000);
  if (days <= 0) return undefined;
  return {
    value: { days, date: date.toISOString().slice(0, 10), text: match[0].trim() },
    start: match.index,
    end: match.index + match[0].length,
  };
}
