import type { ConversationState } from '../conversation/conversation-state.ts';
import { extractProfile } from '../conversation/buyer-profile.ts';
import { detectIntents } from '../conversation/detect-intent.ts';
import type { Lexicon } from '../search/lexicon.ts';
import { understand } from '../search/understand.ts';
import { addDays, type QuoteField, type QuoteProgress } from './quote-request.ts';

/**
 * Reads a buyer's reply to the quote questions with the understanding the
 * search already has: countries and dates from the lexicon's markers,
 * quantities, and names and companies from buyer-profile.ts. A bare answer
 * ("Maria", "Bella Boutique", "300 red dresses") counts for the question asked,
 * but only when the message is not a request of its own ("talk to sales").
 */

export interface QuoteAnswers {
  /** "skip", "no sé", "пропустить": leave the questions asked out */
  skip: boolean;
  /** "yes", "confirm", "sí": send the request as summarised */
  confirm: boolean;
  answers: QuoteProgress['answers'];
  profile: ConversationState['profile'];
  /** the fields this message answered */
  answered: QuoteField[];
}

const NAME_MAX_WORDS = 4;
const COMPANY_MAX_WORDS = 8;
const ITEMS_NOTE_MAX = 500;

export function readQuoteAnswers(
  lexicon: Lexicon,
  text: string,
  asked: readonly QuoteField[],
  now = new Date(),
): QuoteAnswers {
  const detected = detectIntents(lexicon, text);
  const intents = detected.intents as Set<string>;
  const understood = understand(lexicon, text, now);
  const found = extractProfile(lexicon, text);
  const result: QuoteAnswers = {
    skip: intents.has('quote_skip'),
    confirm: intents.has('quote_confirm'),
    answers: {},
    profile: {},
    answered: [],
  };
  if (result.skip) return result;
  // A message with a move of its own is not a bare answer: "talk to sales" is not a name.
  const ownMove =
    text.startsWith('/') ||
    detected.skuCandidates.length > 0 ||
    [...intents].some((intent) => !/^(profile|business)_/.test(intent) && !intent.startsWith('quote_'));
  const productWords = understood.categories.length > 0 || understood.product_types.length > 0;
  // With nothing asked (after Edit, or on the summary), any field may be changed.
  const open = asked.length === 0;

  // "I'm from Spain" is where the buyer is; it is the destination only when that was the question.
  if (understood.destination && (open || asked.includes('destination') || !found.country)) {
    result.answers.destination = understood.destination;
  }
  let deadline = understood.deadline;
  if (!deadline && asked.includes('deadline')) {
    // "June 15" alone: the question supplied the "by".
    const by = lexicon.markers[understood.language]?.deadline_by[0] ?? 'by';
    deadline = understand(lexicon, `${by} ${text}`, now).deadline;
  }
  if (deadline) result.answers.target_date = deadline.date ?? addDays(now, deadline.days);

  // "200 linen shirts", "the white dresses": products or a quantity, so a stray name is not taken for them.
  if (asked.includes('items') && text.length <= ITEMS_NOTE_MAX && (productWords || understood.quantity)) {
    result.answers.items_note = text;
    if (understood.quantity) result.answers.quantity = understood.quantity;
  }

  Object.assign(result.profile, found);
  if (!ownMove && !productWords && !result.answers.destination && !result.answers.target_date) {
    const bare = bareNameAndCompany(text, asked, found);
    if (bare.name) result.profile.name = bare.name;
    if (bare.company) result.profile.company = bare.company;
  }

  if (result.answers.items_note) result.answered.push('items');
  if (result.answers.destination) result.answered.push('destination');
  if (result.answers.target_date) result.answered.push('deadline');
  if (result.profile.name) result.answered.push('name');
  if (result.profile.company) result.answered.push('company');
  return result;
}

/** "Maria", "Bella Boutique", "Maria, Bella Boutique": bare answers to the name and company questions. */
function bareNameAndCompany(
  text: string,
  asked: readonly QuoteField[],
  found: ConversationState['profile'],
): ConversationState['profile'] {
  const wantsName = asked.includes('name') && !found.name;
  const wantsCompany = asked.includes('company') && !found.company;
  if (!wantsName && !wantsCompany) return {};
  const parts = text
    .split(/\s*(?:[,;，、]|\s-\s|\s(?:from|at)\s)\s*/u)
    .map((part) => part.trim().replace(/[.!。]+$/u, ''))
    .filter(Boolean);
  const words = (value: string) => value.split(/\s+/).length;
  const answer: ConversationState['profile'] = {};
  if (wantsName && wantsCompany && parts.length === 2) {
    if (words(parts[0]!) <= NAME_MAX_WORDS) answer.name = parts[0]!;
    if (words(parts[1]!) <= COMPANY_MAX_WORDS) answer.company = parts[1]!;
    return answer;
  }
  const whole = text.trim().replace(/[.!。]+$/u, '');
  if (!/^\p{L}/u.test(whole) || parts.length > 1) return answer;
  if (wantsName && words(whole) <= NAME_MAX_WORDS) answer.name = whole;
  else if (wantsCompany && words(whole) <= COMPANY_MAX_WORDS) answer.company = whole;
  return answer;
}
