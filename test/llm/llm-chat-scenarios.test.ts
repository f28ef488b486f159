import { afterAll, beforeAll, expect } from 'vitest';
import type { ChatReply } from '../helpers/chat-session.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';
import { expectNoCards, textOf, type CatalogChecks } from '../conversation/chat-checks.ts';
import { replyOf, sentence, skusOf, tierPrice, type Language } from '../conversation/chat-facts.ts';
import { describeChatScenarios, type ChatWording } from '../conversation/chat-scenarios.ts';
import { wellBehaved } from './well-behaved-model.ts';

/**
 * The chat scenarios (test/conversation/chat-scenarios.ts) with PLANNER=llm:
 * `showroom chat --json` asks the local fake model, scripted to behave well,
 * for every turn. The cards, prices, sets and shortlists are checked against
 * the catalog exactly as for the offline planner; the text is the model's
 * own sentence, so it is checked for the facts it must state (the catalog's
 * price, the MOQ, the sample) rather than for the offline wording, and the
 * buyer's language shows in the buttons, which come from the message catalogs.
 */

let fake: FakeOpenAI;
/** every answer the model wrote: a planned turn's reply must be one of them, not the offline fallback */
const modelWords = new Set<string>();

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.respond = (request) => {
    const step = wellBehaved(request);
    if ('content' in step) modelWords.add(step.content);
    return step;
  };
});
afterAll(() => fake?.close());

/** Buttons and "delete my data" are exact commands: the planner answers them without the model. */
const EXACT_COMMANDS = /^\/click |^delete my data$|^删除我的数据$/;

describeChatScenarios({
  name: 'LLM',
  env: () => ({
    PLANNER: 'llm',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.baseUrl,
    EMBEDDER: 'local',
    // Two chats share two busy cores: a slow turn must not fall back to the offline planner.
    OPENAI_TIMEOUT_MS: '60000',
  }),
  wording: llmWording,
  afterTurn(line, replies) {
    if (EXACT_COMMANDS.test(line)) return;
    expect(
      replies.some((reply) => modelWords.has(reply.text)),
      `"${line}" was answered by the offline planner, not the model:\n${JSON.stringify(replies, null, 2).slice(0, 1500)}`,
    ).toBe(true);
  },
});

/** "9.2", "9.20" or "9,20": the amount as a model may write it. */
function mentions(text: string, amount: number): boolean {
  return [amount.toFixed(2), amount.toFixed(2).replace('.', ','), String(amount)].some((form) => text.includes(form));
}

function llmWording(checks: CatalogChecks): ChatWording {
  const noItems = (replies: ChatReply[]) => {
    for (const reply of replies) expect(skusOf(reply), reply.text).toEqual([]);
  };
  /** The catalog's buttons under a list speak the buyer's language. */
  const listButtonsIn = (page: ChatReply, language: Language) =>
    expect(page.buttons?.map((b) => b.label)).toContain(`1. ${sentence(language, 'button_details')}`);

  const wording: ChatWording = {
    results(page, language) {
      listButtonsIn(page, language);
    },
    relaxedResults(page, language) {
      listButtonsIn(page, language);
    },
    details(replies, language, product) {
      const details = replyOf(replies, 'products');
      expect(skusOf(details)).toEqual([product.sku]);
      expect(details.text).toContain(product.sku);
      expect(details.buttons?.map((b) => b.label)).toEqual([
        sentence(language, 'button_add'),
        sentence(language, 'button_bundle'),
      ]);
    },
    price(replies, _language, product, quantity) {
      const text = textOf(replies);
      expect(text).toContain(product.sku);
      expect(mentions(text, tierPrice(product, quantity)), `${text}: ${tierPrice(product, quantity)}`).toBe(true);
      expect(text).toContain(`${quantity} pcs`);
    },
    belowMoq(replies, _language, product, asked) {
      const text = textOf(replies);
      expect(text).toContain(`${product.moq} pcs`);
      expect(mentions(text, tierPrice(product, product.moq)), text).toBe(true);
      expect(text).not.toMatch(new RegExp(`\\b${asked} pcs`));
    },
    sample(replies, _language, product) {
      const text = textOf(replies);
      expect(text).toContain(product.sku);
      if (product.sample_price === null) expect(text).not.toMatch(/\d+(?:[.,]\d+)? ?[A-Z]{3}\b|[$€¥]/);
      else expect(mentions(text, product.sample_price), text).toBe(true);
    },
    leadTime(replies, _language, product) {
      const text = textOf(replies);
      expect(text).toContain(product.sku);
      if (product.lead_time_days !== null) expect(text).toContain(`${product.lead_time_days} days`);
      else expect(text).not.toMatch(/\d+ days/);
    },
    moq(replies, _language, product) {
      const text = textOf(replies);
      expect(text).toContain(product.sku);
      expect(text).toContain(`${product.moq} pcs`);
    },
    customization(replies, _language, product) {
      // The answer first; a question about custom work is followed by the offer of a rep (sales-offers.ts).
      const text = replies[0]!.text;
      expect(text).toContain(product.sku);
      for (const option of product.customization) expect(text).toContain(option.replace(/_/g, ' '));
    },
    added(replies, _language, product, quantity) {
      const text = textOf(replies);
      expect(text).toContain(`${product.sku} at ${quantity} pcs`);
    },
    removed(replies, language, product, left) {
      for (const reply of replies) expect(skusOf(reply)).not.toContain(product.sku);
      wording.shortlist(replies, language, left);
    },
    shortlist(replies, _language, entries) {
      if (!entries.length) noItems(replies);
      else checks.expectShortlistItems(replyOf(replies, 'shortlist'), entries);
    },
    bundle(set) {
      expect(set.text).toContain(set.bundle.main.sku);
    },
    bundleTotal(set) {
      expect(mentions(set.text, set.bundle.total_unit_price), set.text).toBe(true);
    },
    welcome: expectNoCards,
    outOfScope: expectNoCards,
    noSearch: expectNoCards,
    refusal: expectNoCards,
  };
  return wording;
}
