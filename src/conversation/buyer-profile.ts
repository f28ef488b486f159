import type { Lexicon } from '../search/lexicon.ts';
import { AFTER, BEFORE, alternation } from '../search/request-amounts.ts';
import { normalizeText } from '../search/text.ts';
import type { ConversationState } from './conversation-state.ts';

/**
 * What a buyer tells about themselves, in passing or on purpose: "I'm Maria
 * from Bella Boutique in Spain", "somos una tienda online de México",
 * "меня зовут Ольга, мы оптовик из Казахстана". The cue phrases and business
 * types are data (profile_* and business_* in seed/lexicon/intents.json); the
 * sales rep gets the result with the quote request.
 */

export type BuyerProfile = ConversationState['profile'];

interface ProfilePatterns {
  name: RegExp;
  company: RegExp;
  countries: Array<{ id: string; pattern: RegExp }>;
  businessTypes: Array<{ id: string; pattern: RegExp }>;
}

/** "made in China" names where goods come from, not where the buyer is. */
const NOT_MADE_IN = String.raw`(?<!(?:made|hecho|hecha|fabrique|fabriquee|feito|feita|hergestellt|сделано|произведено)\s)`;

const cache = new WeakMap<Lexicon, ProfilePatterns>();

function phrases(lexicon: Lexicon, intent: string): string[] {
  return Object.values(lexicon.intents[intent] ?? {})
    .flat()
    .sort((a, b) => b.length - a.length);
}

/** A capitalised name of one to three words (Latin, Cyrillic, Greek), or one word of a script without case. */
const PROPER = String.raw`(\p{Lu}[\p{L}'’.&-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}'’.&-]*){0,3}|[\p{Script=Arabic}]{2,20}|\p{Script=Han}{2,4})`;

function patternsFor(lexicon: Lexicon): ProfilePatterns {
  let patterns = cache.get(lexicon);
  if (patterns) return patterns;
  // Case-sensitive, so that a name must be capitalised: the cue phrases are
  // given as written and with a capital first letter ("i'm", "I'm").
  const cue = (intent: string) =>
    alternation(
      phrases(lexicon, intent)
        .flatMap((p) => [p, p.replace(/'/g, '’')])
        .flatMap((p) => [p, p.charAt(0).toUpperCase() + p.slice(1)]),
    );
  const location = alternation(phrases(lexicon, 'profile_location').map(normalizeText));
  patterns = {
    name: new RegExp(`${BEFORE}(?:${cue('profile_name')})[\\s,:]*${PROPER}`, 'u'),
    company: new RegExp(`${BEFORE}(?:${cue('profile_company')})\\s+${PROPER}`, 'gu'),
    countries: lexicon.concepts
      .filter((concept) => concept.kind === 'country')
      .map((concept) => {
        const names = Object.values(concept.terms).flatMap((terms) => (terms ?? []).map((term) => normalizeText(term)));
        const article = String.raw`(?:the\s+|la\s+|le\s+|el\s+|o\s+|a\s+)?`;
        return {
          id: concept.id,
          pattern: new RegExp(
            `${BEFORE}${NOT_MADE_IN}(?:${location})\\s+${article}(?:${alternation(names)})${AFTER}`,
            'u',
          ),
        };
      }),
    businessTypes: Object.keys(lexicon.intents)
      .filter((intent) => intent.startsWith('business_'))
      .map((intent) => ({
        id: intent.slice('business_'.length),
        pattern: new RegExp(`${BEFORE}(?:${alternation(phrases(lexicon, intent).map(normalizeText))})${AFTER}`, 'u'),
      })),
  };
  cache.set(lexicon, patterns);
  return patterns;
}

/** Words that start a capitalised run but are not names ("I am Looking…" typed in title case, "I'm In Spain"). */
function isLexiconWord(lexicon: Lexicon, words: string): boolean {
  const first = normalizeText(words.split(/\s+/)[0] ?? '');
  return lexicon.terms.has(first) || phrases(lexicon, 'profile_location').some((p) => normalizeText(p) === first);
}

/** The profile facts a message states; empty when it states none. */
export function extractProfile(lexicon: Lexicon, text: string): BuyerProfile {
  const patterns = patternsFor(lexicon);
  const normalized = normalizeText(text);
  const profile: BuyerProfile = {};

  const name = patterns.name.exec(text)?.[1];
  if (name && !isLexiconWord(lexicon, name)) profile.name = trimName(name);

  for (const match of text.matchAll(patterns.company)) {
    const company = trimName(match[1]!);
    if (company === profile.name || isLexiconWord(lexicon, company)) continue;
    if (patterns.countries.some((country) => country.pattern.test(normalizeText(match[0])))) continue;
    profile.company = company;
    break;
  }

  const country = patterns.countries.find((candidate) => candidate.pattern.test(normalized));
  if (country) profile.country = country.id;

  const business = patterns.businessTypes.find((candidate) => candidate.pattern.test(normalized));
  if (business) profile.business_type = business.id;
  return profile;
}

function trimName(name: string): string {
  return name.replace(/[.’']+$/u, '').trim();
}
