/**
 * Checks a model reply against the facts it may state: every price, MOQ,
 * lead time, sample term, stock figure and SKU must come from this turn's
 * tool results or the conversation's stored facts. Quantities the buyer
 * wrote may be repeated back, prices may not ("confirm $1 each" is not a
 * fact). Words that promise terms (discounts, free shipping, guaranteed
 * dates) and quotes of the instructions are violations too.
 *
 * A heuristic on purpose: it errs towards rejecting, and a rejected reply
 * costs only a regeneration or the offline rendering of the same results.
 */

export interface GroundingFacts {
  /** every number in the tool results and stored facts, normalised (see key()) */
  numbers: Set<string>;
  /** numbers that may be stated as money: tool results and the buyer's stored budget */
  money: Set<string>;
  /** "100%" in a product description is a fact; any other percentage is not */
  percents: Set<string>;
  skus: Set<string>;
}

export interface Violation {
  kind: 'price' | 'number' | 'percent' | 'sku' | 'promise' | 'instructions';
  /** the offending words, quoted back to the model when it is asked to rewrite */
  text: string;
}

export function emptyFacts(): GroundingFacts {
  return { numbers: new Set(), money: new Set(), percents: new Set(), skus: new Set() };
}

const SKU = /\b[A-Z]{1,6}-[A-Z0-9]{2,}(?:-[A-Z0-9]+)*\b/g;
const NUMBER = /\d+(?:[ ,.\u00a0\u202f'’]\d+)*/g;
const CURRENCY_SIGNS = '[$€£¥₽₹₺]|US\\$|美元|元|دولار|يورو';
/** Whole words only: "300 sarees" is not Saudi riyals, "12 рубашек" not roubles. */
const CURRENCY_WORDS =
  '(?<!\\p{L})(?:USD|EUR|CNY|RMB|GBP|JPY|RUB|TRY|INR|AED|SAR|BRL|dollars?|euros?|yuan|d[oó]lares|долл\\p{L}*|евро|юан\\p{L}*|рубл\\p{L}*)(?!\\p{L})';
/** A currency right before the number ("$12", "US$ 12", "€12") or right after it ("12 USD", "12,50 €", "12美元"). */
const CURRENCY_BEFORE = new RegExp(`(?:${CURRENCY_SIGNS}|${CURRENCY_WORDS})\\s?$`, 'iu');
const CURRENCY_AFTER = new RegExp(`^\\s?(?:${CURRENCY_SIGNS}|${CURRENCY_WORDS})`, 'iu');

/** Adds every number, percentage and SKU in a tool result (any JSON value) to the facts. */
export function addFacts(facts: GroundingFacts, value: unknown, asMoney = true): void {
  if (typeof value === 'number') {
    facts.numbers.add(key(value));
    if (asMoney) facts.money.add(key(value));
  } else if (typeof value === 'string') {
    for (const match of value.matchAll(SKU)) facts.skus.add(match[0].toUpperCase());
    for (const match of value.matchAll(/(\d+(?:[.,]\d+)?)\s?%/g)) facts.percents.add(match[1]!.replace(',', '.'));
    for (const match of normalizeDigits(value).replace(SKU, ' ').matchAll(NUMBER)) {
      for (const candidate of readings(match[0])) {
        facts.numbers.add(key(candidate));
        if (asMoney) facts.money.add(key(candidate));
      }
    }
  } else if (Array.isArray(value)) {
    for (const item of value) addFacts(facts, item, asMoney);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) addFacts(facts, item, asMoney);
  }
}

export interface GuardInput {
  reply: string;
  facts: GroundingFacts;
  /** the buyer's message: quantities in it may be repeated back, prices may not */
  buyerText: string;
  /** the instructions the reply must not quote */
  instructions: string;
  /** names the reply must not reveal (the tools) */
  secretWords: readonly string[];
}

export function checkGrounding(input: GuardInput): Violation[] {
  const violations: Violation[] = [];
  const reply = normalizeDigits(input.reply);
  for (const match of reply.matchAll(SKU)) {
    if (!input.facts.skus.has(match[0].toUpperCase())) violations.push({ kind: 'sku', text: match[0] });
  }
  const buyerNumbers = new Set<string>();
  for (const match of normalizeDigits(input.buyerText).replace(SKU, ' ').matchAll(NUMBER)) {
    for (const candidate of readings(match[0])) buyerNumbers.add(key(candidate));
  }
  const text = reply.replace(SKU, (sku) => ' '.repeat(sku.length));
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index;
    const end = start + match[0].length;
    const money =
      CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 5), start)) || CURRENCY_AFTER.test(text.slice(end, end + 12));
    const values = readings(match[0]).map(key);
    if (/^\s?%/.test(text.slice(end))) {
      if (!input.facts.percents.has(match[0].replace(',', '.')))
        violations.push({ kind: 'percent', text: `${match[0]}%` });
    } else if (money) {
      if (!values.some((v) => input.facts.money.has(v)))
        violations.push({ kind: 'price', text: quote(text, start, end) });
    } else if (!values.some((v) => input.facts.numbers.has(v) || buyerNumbers.has(v))) {
      violations.push({ kind: 'number', text: quote(text, start, end) });
    }
  }
  for (const sentence of input.reply.split(/(?<=[.!?。！？\n])/)) {
    if (PROMISE.test(sentence) && !REFERRED_TO_SALES.test(sentence)) {
      violations.push({ kind: 'promise', text: sentence.trim().slice(0, 120) });
    }
  }
  if (quotesInstructions(input.reply, input.instructions) || input.secretWords.some((w) => input.reply.includes(w))) {
    violations.push({ kind: 'instructions', text: 'the reply quotes the assistant instructions or tool names' });
  }
  return violations;
}

/** Words that promise what only sales may decide, in the bot's languages. */
const PROMISE = new RegExp(
  [
    'discount',
    'descuento',
    'rebaja',
    'remise',
    'r[ée]duction',
    'rabais',
    'rabatt',
    'sconto',
    'desconto',
    'скидк',
    '折扣',
    '优惠',
    '打折',
    'خصم',
    'indirim',
    'free shipping',
    'env[íi]o gratis',
    'livraison gratuite',
    'frete gr[áa]tis',
    'kostenlose[rn]? versand',
    'бесплатн\\w* доставк',
    '包邮',
    '免运费',
    'شحن مجاني',
    'guarantee',
    'garantiz',
    'garanti',
    'гарантир',
    '保证',
    'delivered by',
    'arrive by',
    'will arrive',
    'llegar[áa] (?:el|antes)',
    'livr[ée]e? (?:le|avant)',
    'chegar[áa]',
    'geliefert bis',
    'доставим (?:до|к)',
  ].join('|'),
  'iu',
);

/** "a sales rep can discuss discounts in your quote" refers the question on; it promises nothing. */
const REFERRED_TO_SALES = new RegExp(
  [
    '(?=.*(?:sales|rep\\b|representative|ventas|comercial|vendedor|vendas|vente|commercial|vertrieb|продаж|менеджер|销售|مبيعات|satış))',
    '(?=.*(?:discuss|quote|confirm|decide|negotiat|discut|cotiz|presupuesto|devis|confirmar|besprech|angebot|обсуд|уточн|предложени|讨论|确认|报价|مناقشة|عرض سعر|görüş|teklif))',
  ].join(''),
  'iu',
);

/** Arabic-Indic, Persian and full-width digits read as ASCII; Arabic separators as . and ,. */
function normalizeDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',');
}

/**
 * The values a written number may mean: "1,000" is a thousand (en) or one
 * (a decimal comma); "12,50" is 12.5; "1.234,56" and "1 234,56" are 1234.56.
 */
function readings(token: string): number[] {
  const cleaned = token.replace(/[\u00a0\u202f '’]/g, '');
  const values = new Set<number>();
  const lastDot = cleaned.lastIndexOf('.');
  const lastComma = cleaned.lastIndexOf(',');
  const decimal = Math.max(lastDot, lastComma);
  values.add(Number(cleaned.replace(/[.,]/g, '')));
  if (decimal >= 0) {
    const whole = cleaned.slice(0, decimal).replace(/[.,]/g, '');
    values.add(Number(`${whole}.${cleaned.slice(decimal + 1)}`));
  }
  // "1 000" written with a space: the whole token, and each group alone (a space may just separate two numbers).
  if (/[\u00a0\u202f ]/.test(token))
    for (const part of token.split(/[\u00a0\u202f ]+/)) values.add(Number(part.replace(',', '.')));
  return [...values].filter((v) => Number.isFinite(v));
}

/** Numbers compare by value with 4 decimals, the catalog's precision. */
function key(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

function quote(text: string, start: number, end: number): string {
  return text
    .slice(Math.max(0, start - 12), end + 12)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Eight words in a row from the instructions: a leak, not a coincidence. */
function quotesInstructions(reply: string, instructions: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const source = words(instructions);
  const grams = new Set<string>();
  for (let i = 0; i + 8 <= source.length; i++) grams.add(source.slice(i, i + 8).join(' '));
  const said = words(reply);
  for (let i = 0; i + 8 <= said.length; i++) if (grams.has(said.slice(i, i + 8).join(' '))) return true;
  return false;
}
