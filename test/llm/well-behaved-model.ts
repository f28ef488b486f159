import type { ChatRequest, ChatStep } from '../helpers/fake-openai.ts';

/**
 * A scripted "model" for the fake server that behaves well: it picks the tool
 * a careful model would for an English buyer message, then answers in one
 * sentence built only from the tool results. Enough to drive the LLM planner
 * through the same scenarios as the offline planner.
 */

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };

export function wellBehaved(request: ChatRequest): ChatStep {
  const messages = request.messages;
  const first = String(messages[0]?.content ?? '');
  if (first.startsWith('Summarise')) return { content: 'The buyer is sourcing dresses and has a shortlist.' };
  if (first.startsWith('Write a hand-off note')) return { content: 'Buyer sourcing dresses; see the shortlist.' };
  if (first.startsWith('Translate')) return { content: String(messages[1]!.content) };
  const last = messages.at(-1)!;
  if (String(last.content).startsWith('Your reply was not sent')) return { content: 'Here is what I have for you.' };
  if (last.role === 'tool') return { content: sentenceFrom(toolResultsOfThisTurn(messages)) };
  const text = String(last.content);
  const photo = /It shows: (.*?)\. Search the catalog/.exec(text)?.[1];
  // Greetings, help and questions off the catalog need no tool: one call.
  if (!photo && /^(hi|hello|hey|help|what can you do|what is the weather|ignore)\b/i.test(text.trim())) {
    return { content: 'Hello! Tell me what you are looking for, and the quantity.' };
  }
  return { toolCalls: [toolFor(photo ?? text)] };
}

function toolFor(text: string): { name: string; arguments: Record<string, unknown> } {
  const lower = text.toLowerCase();
  const sku = /\b[A-Z]{1,6}-\d{2,}\b/.exec(text)?.[0];
  const ordinal = Object.entries(ORDINALS).find(([word]) => new RegExp(`\\b${word}\\b`).test(lower))?.[1];
  const ref = { ...(sku ? { sku } : {}), ...(ordinal ? { position: ordinal } : {}) };
  const quantity = Number(/(\d+)\s*(?:pcs|pieces|units)?\b/.exec(lower.replace(/\b[a-z]{1,6}-\d+/g, ''))?.[1] ?? 0);
  if (/shortlist|my list/.test(lower) && !/\badd\b|remove/.test(lower))
    return { name: 'show_shortlist', arguments: {} };
  if (/\bremove\b/.test(lower)) return { name: 'update_shortlist', arguments: { action: 'remove', ...ref } };
  if (/\badd\b/.test(lower)) {
    return { name: 'update_shortlist', arguments: { action: 'add', ...ref, ...(quantity ? { quantity } : {}) } };
  }
  if (/\b(sales|human|person|quote)\b/.test(lower)) return { name: 'request_handoff', arguments: {} };
  if (/\b(bundle|set|outfit)\b/.test(lower)) return { name: 'suggest_bundle', arguments: ref };
  if (/how much|price/.test(lower) && quantity) {
    return { name: 'price_at_quantity', arguments: { ...ref, quantity } };
  }
  if (sku || /details|more about|tell me about/.test(lower) || (ordinal && !/dress|shoe|bag/.test(lower))) {
    return { name: 'get_product', arguments: ref };
  }
  if (/^(show )?more\b/.test(lower)) return { name: 'search_catalog', arguments: { query: text, more: true } };
  if (/cheaper/.test(lower)) return { name: 'search_catalog', arguments: { query: text, cheaper: true } };
  if (/^(in|only|same but)\b/.test(lower)) return { name: 'search_catalog', arguments: { query: text, refine: true } };
  return { name: 'search_catalog', arguments: { query: text, ...(quantity ? { quantity } : {}) } };
}

function toolResultsOfThisTurn(messages: ChatRequest['messages']): Array<Record<string, unknown>> {
  const results = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]!.role === 'tool'; i--) {
    results.unshift(JSON.parse(String(messages[i]!.content)));
  }
  return results;
}

/** One sentence from the last tool result's own fields: nothing it says is invented. */
function sentenceFrom(results: Array<Record<string, unknown>>): string {
  const r = results.at(-1) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (r.error) return 'Which product do you mean? Tell me its position in the list or its SKU.';
  if (Array.isArray(r.results)) {
    const first = r.results[0];
    return first
      ? `I found ${r.results.length} products; the first, ${first.title} (${first.sku}), is ${first.unit_price} ${first.currency} each at ${first.at_quantity} pcs.`
      : 'I found nothing for that; try another colour or a bigger budget.';
  }
  if (r.price_tiers)
    return `${r.title} (${r.sku}): MOQ ${r.moq} pcs, ${r.price_tiers[0][1]} ${r.currency} from ${r.price_tiers[0][0]} pcs.`;
  if (r.total !== undefined && r.unit_price !== undefined && r.quantity !== undefined) {
    return `${r.title} (${r.sku}) is ${r.unit_price} ${r.currency} each at ${r.quantity} pcs, ${r.total} ${r.currency} in total.`;
  }
  if (r.items && r.set_price !== undefined)
    return `Here is a set around ${r.main.title} (${r.main.sku}) at ${r.set_price} ${r.currency} per set.`;
  if (Array.isArray(r.items))
    return r.items.length ? `Your shortlist has ${r.items.length} lines.` : 'Your shortlist is empty.';
  if (Array.isArray(r.shortlist)) {
    return r.shortlist.length
      ? `Done: your shortlist now has ${r.shortlist.length} lines.`
      : 'Done: your shortlist is empty.';
  }
  if (r.status) return 'A sales rep will reply in this chat.';
  return 'Done.';
}
