import type { ChatRequest, ChatStep } from '../helpers/fake-openai.ts';
import { BUYER_WORDS, categoryIn, ordinalIn, productQuestion, quantityIn } from './buyer-words.ts';

/**
 * A scripted "model" for the fake server that behaves well: it reads the
 * buyer's message (in the bot's languages, see buyer-words.ts) and the
 * conversation facts the planner sends, picks the tool a careful model would,
 * then answers in one English sentence built only from the tool results.
 * Off-topic requests, attempts to change its rules and questions about other
 * buyers get a refusal without a tool. Enough to drive the LLM planner
 * through the same scenarios as the offline planner.
 */

type Call = { name: string; arguments: Record<string, unknown> };
type Message = ChatRequest['messages'][number];

const GREETING = 'Hello! Tell me what you are looking for, and the quantity.';
const ONLY_CATALOG =
  "I can help with this factory's products, prices, sets and your shortlist; a sales rep handles quotes.";

export function wellBehaved(request: ChatRequest): ChatStep {
  const messages = request.messages;
  const first = String(messages[0]?.content ?? '');
  if (first.startsWith('Summarise')) return { content: 'The buyer is sourcing dresses and has a shortlist.' };
  if (first.startsWith('Write a hand-off note')) return { content: 'Buyer sourcing dresses; see the shortlist.' };
  if (first.startsWith('Translate')) return { content: String(messages[1]!.content) };
  const last = messages.at(-1)!;
  if (String(last.content).startsWith('Your reply was not sent')) return { content: 'Here is what I have for you.' };
  const asked = lastBuyerText(messages);
  if (last.role === 'tool') return { content: sentenceFrom(toolResultsOfThisTurn(messages), asked) };
  const photo = /It shows: (.*?)\. Search the catalog/.exec(asked)?.[1];
  const decision = photo ? searchFor(photo) : decide(asked, String(messages[1]?.content ?? ''));
  return typeof decision === 'string' ? { content: decision } : { toolCalls: [decision] };
}

/** What a careful model does with a buyer's message: a tool call, or a short answer that needs none. */
function decide(text: string, facts: string): Call | string {
  const lower = text.toLowerCase();
  const words = BUYER_WORDS;
  const sku = /\b[A-Z]{1,6}-\d{2,}\b/.exec(text)?.[0];
  // Rules in the buyer's message are not rules: show the product it names, or decline.
  if (words.injection.test(lower)) return sku ? { name: 'get_product', arguments: { sku } } : ONLY_CATALOG;
  if (words.offTopic.test(lower)) return ONLY_CATALOG;
  if (words.greeting.test(lower.trim())) return GREETING;

  const position = ordinalIn(lower);
  const ref = { ...(sku ? { sku } : {}), ...(position ? { position } : {}) };
  const quantity = quantityIn(text);
  const setShown = /^last set: /m.test(facts);
  const searching = /^current search: /m.test(facts);

  if (words.showShortlist.test(lower) && !words.add.test(lower) && !words.remove.test(lower))
    return { name: 'show_shortlist', arguments: {} };
  if (words.remove.test(lower)) return { name: 'update_shortlist', arguments: { action: 'remove', ...ref } };
  if (words.add.test(lower)) {
    return { name: 'update_shortlist', arguments: { action: 'add', ...ref, ...(quantity ? { quantity } : {}) } };
  }
  if (words.handoff.test(lower)) return { name: 'request_handoff', arguments: {} };
  const category = categoryIn(lower);
  if (setShown && category && (words.swap.test(lower) || words.cheaper.test(lower))) {
    return {
      name: 'suggest_bundle',
      arguments: { swap_category: category, ...(words.cheaper.test(lower) ? { cheaper: true } : {}) },
    };
  }
  if (words.bundle.test(lower)) return { name: 'suggest_bundle', arguments: ref };
  if (words.price.test(lower) && quantity) return { name: 'price_at_quantity', arguments: { ...ref, quantity } };
  if (productQuestion.test(lower) || sku || words.details.test(lower) || (position && !category)) {
    return { name: 'get_product', arguments: ref };
  }
  if (searching && words.more.test(lower.trim()))
    return { name: 'search_catalog', arguments: { query: text, more: true } };
  if (searching && words.cheaper.test(lower))
    return { name: 'search_catalog', arguments: { query: text, cheaper: true } };
  if (searching && words.refine.test(lower.trim()))
    return { name: 'search_catalog', arguments: { query: text, refine: true } };
  return searchFor(text);
}

/** A new search: the buyer's words as the query, with the quantity and a dollar budget it states. */
function searchFor(text: string): Call {
  const quantity = quantityIn(text);
  const budget = /(?:under|below|less than|max(?:imum)?)\s*(?:US)?\$\s*(\d+(?:\.\d+)?)/i.exec(text)?.[1];
  return {
    name: 'search_catalog',
    arguments: {
      query: text,
      ...(quantity ? { quantity } : {}),
      ...(budget ? { max_unit_price: Number(budget), currency: 'USD' } : {}),
    },
  };
}

function lastBuyerText(messages: Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') return String(messages[i]!.content);
  }
  return '';
}

function toolResultsOfThisTurn(messages: Message[]): Array<Record<string, unknown>> {
  const results = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]!.role === 'tool'; i--) {
    results.unshift(JSON.parse(String(messages[i]!.content)));
  }
  return results;
}

/** One sentence from the last tool result's own fields, answering what was asked: nothing it says is invented. */
function sentenceFrom(results: Array<Record<string, unknown>>, asked: string): string {
  const r = results.at(-1) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (r.error === 'no such product' && r.hint === 'search first')
    return 'Tell me what you are looking for first; then pick one from the list.';
  if (r.error) return 'Which product do you mean? Tell me its position in the list or its SKU.';
  if (Array.isArray(r.results)) {
    const first = r.results[0];
    return first
      ? `I found ${r.results.length} products; the first, ${first.title} (${first.sku}), is ${first.unit_price} ${first.currency} each at ${first.at_quantity} pcs.`
      : 'I found nothing for that; try another colour or a bigger budget.';
  }
  if (r.price_tiers) return productAnswer(r, asked.toLowerCase());
  if (r.total !== undefined && r.unit_price !== undefined && r.quantity !== undefined) {
    const name = `${r.title} (${r.sku})`;
    return r.raised_to_moq
      ? `${name} has a minimum order of ${r.moq} pcs: at ${r.quantity} pcs it is ${r.unit_price} ${r.currency} each.`
      : `${name} is ${r.unit_price} ${r.currency} each at ${r.quantity} pcs, ${r.total} ${r.currency} in total.`;
  }
  if (r.items && r.set_price !== undefined)
    return `Here is a set around ${r.main.title} (${r.main.sku}) at ${r.set_price} ${r.currency} per set.`;
  if (Array.isArray(r.items))
    return r.items.length ? `Your shortlist has ${r.items.length} lines.` : 'Your shortlist is empty.';
  if (Array.isArray(r.shortlist)) return shortlistAnswer(r.done, r.shortlist);
  if (r.status) return 'A sales rep will reply in this chat.';
  return 'Done.';
}

/** The fact of a product the buyer asked about; its MOQ and first tier otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function productAnswer(r: Record<string, any>, asked: string): string {
  const name = `${r.title} (${r.sku})`;
  const words = BUYER_WORDS;
  if (words.sample.test(asked)) {
    if (!r.sample) return `${name} has no samples.`;
    return `A sample of ${name} costs ${r.sample.price} ${r.currency}${r.sample.days ? ` and takes ${r.sample.days} days` : ''}.`;
  }
  if (words.leadTime.test(asked)) {
    return r.lead_time_days === null
      ? `${name} has no lead time on record; a sales rep can tell you.`
      : `The lead time of ${name} is ${r.lead_time_days} days.`;
  }
  if (words.customization.test(asked)) {
    return r.customization.length
      ? `${name} can be customised: ${r.customization.join(', ').replace(/_/g, ' ')}.`
      : `${name} cannot be customised.`;
  }
  if (words.moq.test(asked)) return `The minimum order of ${name} is ${r.moq} pcs.`;
  return `${name}: MOQ ${r.moq} pcs, ${r.price_tiers[0][1]} ${r.currency} from ${r.price_tiers[0][0]} pcs.`;
}

/** After a change: the line it touched (named in `done`, the catalog's own sentence) and how many lines are left. */
function shortlistAnswer(done: string, shortlist: Array<{ sku: string; quantity: number }>): string {
  const lines = shortlist.length;
  const left = lines ? `your shortlist now has ${lines} lines` : 'your shortlist is empty';
  const line = shortlist.find((entry) => done.includes(entry.sku));
  return line ? `Done: ${line.sku} at ${line.quantity} pcs; ${left}.` : `Done: ${left}.`;
}
