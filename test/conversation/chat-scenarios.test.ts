import { expect } from 'vitest';
import type { Product } from '../../src/catalog/product.ts';
import type { ChatReply } from '../helpers/chat-session.ts';
import type { CatalogChecks } from './chat-checks.ts';
import { fixedSentences, money, opening, replyOf, sentence, skusOf, tierPrice, type Language } from './chat-facts.ts';
import { describeChatScenarios, type ChatWording } from './chat-scenarios.ts';

/**
 * The chat scenarios (chat-scenarios.ts) with the offline planner, which
 * answers in its message catalogs' own sentences: every reply is checked
 * word for word against the locale file, with the facts from the catalog.
 */

describeChatScenarios({ name: 'offline', wording: offlineWording });

function offlineWording(checks: CatalogChecks): ChatWording {
  const texts = (replies: ChatReply[]) => replies.map((r) => r.text);
  const firstLine = (replies: ChatReply[]) => replies[0]!.text.split('\n')[0];
  const named = (product: Product) => ({ title: product.title, sku: product.sku });

  /** "Title (SKU): $X each at N pcs (MOQ M)." in the buyer's language, from the catalog. */
  const priceLine = (language: Language, product: Product, quantity: number) =>
    sentence(language, 'price_at', {
      ...named(product),
      quantity,
      moq: product.moq,
      price: money(tierPrice(product, quantity), product.currency, language),
    });

  const wording: ChatWording = {
    results(page, language, which) {
      expect(page.text.startsWith(opening(language, which === 'more' ? 'results_more' : 'results'))).toBe(true);
    },
    relaxedResults(page, language) {
      const openings = [opening(language, 'results'), opening(language, 'relaxed')];
      expect(openings.some((start) => page.text.startsWith(start))).toBe(true);
      expect(page.text).not.toMatch(/\b(nothing|matches|every|requirement|closest|without|limit)\b/i);
    },
    /** Its card, title and the tier list in the buyer's language. */
    details(replies, language, product) {
      const details = replyOf(replies, 'products');
      expect(skusOf(details)).toEqual([product.sku]);
      const lines = details.text.split('\n');
      expect(lines[0]).toBe(product.title);
      const tiers = product.price_tiers
        .map((tier) => `${tier.min_qty}+ ${money(tier.unit_price, product.currency, language)}`)
        .join(', ');
      expect(lines).toContain(sentence(language, 'tiers', { tiers }));
      expect(details.buttons?.map((b) => b.label)).toEqual([
        sentence(language, 'button_add'),
        sentence(language, 'button_bundle'),
      ]);
    },
    price(replies, language, product, quantity) {
      expect(firstLine(replies)).toBe(priceLine(language, product, quantity));
    },
    belowMoq(replies, language, product, asked) {
      const text = replies[0]!.text;
      expect(text).toBe(
        sentence(language, 'below_moq', {
          ...named(product),
          moq: product.moq,
          price: money(tierPrice(product, product.moq), product.currency, language),
        }),
      );
      expect(text).not.toMatch(new RegExp(`\\b${asked} pcs`));
    },
    sample(replies, language, product) {
      expect(replies[0]!.text).toBe(
        product.sample_price === null
          ? sentence(language, 'no_sample', named(product))
          : sentence(language, 'sample', {
              ...named(product),
              price: money(product.sample_price, product.currency, language),
              days: product.sample_days ?? '?',
            }),
      );
    },
    leadTime(replies, language, product) {
      expect(replies[0]!.text).toBe(
        product.lead_time_days === null
          ? sentence(language, 'no_lead_time', named(product))
          : sentence(language, 'lead_time', { ...named(product), days: product.lead_time_days }),
      );
    },
    moq(replies, language, product) {
      expect(replies[0]!.text).toBe(sentence(language, 'moq', { ...named(product), moq: product.moq }));
    },
    customization(replies, language, product) {
      const text = replies[0]!.text;
      if (!product.customization.length) {
        expect(text).toBe(sentence(language, 'no_customization', named(product)));
        return;
      }
      expect(text.startsWith(`${product.title} (${product.sku})`)).toBe(true);
      for (const option of product.customization) expect(text).toContain(option.replace(/_/g, ' '));
    },
    added(replies, language, product, quantity, asked) {
      expect(replies[0]!.text).toBe(
        asked !== undefined && asked < product.moq
          ? sentence(language, 'added_raised', { ...named(product), quantity, moq: product.moq })
          : sentence(language, 'added', { ...named(product), quantity }),
      );
    },
    removed(replies, language, product, left) {
      expect(replies[0]!.text).toBe(sentence(language, 'removed', named(product)));
      if (left.length) wording.shortlist(replies, language, left);
      else expect(texts(replies).slice(1)).toEqual([sentence(language, 'shortlist_empty')]);
    },
    /** These products at these quantities, priced from the catalog, line by line in the buyer's language. */
    shortlist(replies, language, entries) {
      if (!entries.length) {
        expect(texts(replies)).toEqual([sentence(language, 'shortlist_empty')]);
        return;
      }
      const list = replyOf(replies, 'shortlist');
      expect(list.text.split('\n')[0]).toBe(sentence(language, 'shortlist'));
      checks.expectShortlistItems(list, entries);
      for (const item of list.items) {
        const product = checks.productOf(item.sku);
        expect(list.text).toContain(`${item.quantity} × ${product.title} (${item.sku})`);
        expect(list.text).toContain(money(tierPrice(product, item.quantity), product.currency, language));
      }
    },
    bundle(set, language) {
      const { main, quantity } = set.bundle;
      expect(set.text.split('\n')[0]).toBe(
        sentence(language, 'bundle', { title: main.title, sku: main.sku, quantity }),
      );
    },
    bundleTotal(set, language) {
      const { bundle } = set;
      expect(set.text).toContain(
        sentence(language, 'bundle_total', {
          price: money(bundle.total_unit_price, bundle.currency, language),
          total: money(bundle.total_price, bundle.currency, language),
          quantity: bundle.quantity,
        }),
      );
    },
    welcome(replies, language) {
      expect(replies[0]!.text).toBe(sentence(language, 'welcome'));
    },
    outOfScope(replies, language, missesInARow = 1) {
      // The offline planner offers a rep once, on the second miss in a row.
      const offer = missesInARow === 2 ? [sentence(language, 'offer_misses')] : [];
      expect(texts(replies)).toEqual([sentence(language, 'out_of_scope'), ...offer]);
    },
    noSearch(replies, language) {
      expect(texts(replies)).toEqual([sentence(language, 'no_search')]);
    },
    /** In the buyer's language, one of the bot's own fixed answers: nothing else could leak in. */
    refusal(replies, language, line) {
      for (const reply of replies) expect(fixedSentences(language), line).toContain(reply.text);
    },
  };
  return wording;
}
