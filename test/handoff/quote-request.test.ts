import { beforeAll, describe, expect, it } from 'vitest';
import { emptyState, type ConversationState } from '../../src/conversation/conversation-state.ts';
import { summaryText } from '../../src/handoff/conversation-summary.ts';
import { readQuoteAnswers } from '../../src/handoff/quote-answers.ts';
import { buildQuoteRequest, missingFields } from '../../src/handoff/quote-request.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';
import { understand } from '../../src/search/understand.ts';

/**
 * The quote request from what the conversation already holds, the fields
 * still missing, and how a buyer's bare answers to the questions are read.
 */

const contact = { channel: 'telegram', chat_id: '42', user_id: '42' };
const now = new Date('2026-11-22T12:00:00Z');
let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon();
});

function stateWith(patch: Partial<ConversationState>): ConversationState {
  return { ...emptyState(), ...patch };
}

describe('buildQuoteRequest', () => {
  it('groups shortlist lines of one SKU into an item with its colour and size breakdown', () => {
    const quote = buildQuoteRequest(
      stateWith({
        shortlist: [
          { sku: 'DR-1', quantity: 100, color: 'red', size: 'M' },
          { sku: 'BG-7', quantity: 50 },
          { sku: 'DR-1', quantity: 200, color: 'black', size: 'L' },
        ],
      }),
      { contact, language: 'en', now },
    );
    expect(quote.items).toEqual([
      {
        sku: 'DR-1',
        quantity: 300,
        breakdown: [
          { quantity: 100, color: 'red', size: 'M' },
          { quantity: 200, color: 'black', size: 'L' },
        ],
      },
      { sku: 'BG-7', quantity: 50, breakdown: [{ quantity: 50 }] },
    ]);
    expect(quote.contact).toEqual(contact);
  });

  it('takes destination, target date, customization and target price from the search the buyer made', () => {
    const understood = understand(lexicon, '300 red dresses under $12 with logo, ship to Spain in 6 weeks', now);
    const quote = buildQuoteRequest(stateWith({ understood, profile: { name: 'Maria', company: 'Bella' } }), {
      contact,
      language: 'en',
      now,
    });
    expect(quote.destination).toEqual({ country: 'ES', name: 'Spain' });
    expect(quote.target_date).toBe('2027-01-03');
    expect(quote.customization).toContain('logo');
    expect(quote.target_price).toMatchObject({ amount: 12, currency: 'USD', per: 'unit' });
    expect(quote.quantity).toBe(300);
    // No shortlist, but nothing says what to quote either: the products are still asked for.
    expect(missingFields(quote)).toEqual(['items']);
  });

  it('lists what is missing in the order it is asked, leaving out what the buyer skipped', () => {
    const state = stateWith({ shortlist: [{ sku: 'DR-1', quantity: 50 }] });
    expect(missingFields(buildQuoteRequest(state, { contact, language: 'en' }))).toEqual([
      'destination',
      'deadline',
      'name',
      'company',
    ]);
    state.quote = { stage: 'collecting', asked: [], skipped: ['deadline', 'name'], answers: {} };
    expect(missingFields(buildQuoteRequest(state, { contact, language: 'en' }))).toEqual(['destination', 'company']);
  });

  it('prefers what the buyer answered to the question over what the search understood', () => {
    const understood = understand(lexicon, 'dresses shipped to Spain', now);
    const state = stateWith({ understood });
    state.quote = {
      stage: 'collecting',
      asked: [],
      skipped: [],
      answers: { destination: { country: 'FR', name: 'France' }, target_date: '2027-03-01' },
    };
    const quote = buildQuoteRequest(state, { contact, language: 'en' });
    expect(quote.destination?.name).toBe('France');
    expect(quote.target_date).toBe('2027-03-01');
  });
});

describe('readQuoteAnswers', () => {
  it('reads a bare country, in any of the lexicon languages, as the destination', () => {
    for (const text of ['Spain', 'a España', 'Франция', '德国']) {
      const read = readQuoteAnswers(lexicon, text, ['destination', 'deadline'], now);
      expect(read.answered, text).toEqual(['destination']);
    }
  });

  it('reads a bare date or a duration as the target date', () => {
    expect(readQuoteAnswers(lexicon, 'June 15', ['deadline'], now).answers.target_date).toBe('2027-06-15');
    expect(readQuoteAnswers(lexicon, 'in 6 weeks', ['deadline'], now).answers.target_date).toBe('2027-01-03');
    expect(readQuoteAnswers(lexicon, '30天内', ['deadline'], now).answers.target_date).toBe('2026-12-22');
  });

  it('reads "Maria, Bella Boutique" as name and company when both were asked', () => {
    const read = readQuoteAnswers(lexicon, 'Maria, Bella Boutique', ['name', 'company'], now);
    expect(read.profile).toMatchObject({ name: 'Maria', company: 'Bella Boutique' });
    expect(read.answered).toEqual(['name', 'company']);
    expect(readQuoteAnswers(lexicon, 'Bella Boutique', ['company'], now).profile.company).toBe('Bella Boutique');
  });

  it('does not take a request of its own as a name', () => {
    for (const text of ['talk to sales', 'how much is DR-1001?', 'show me red dresses']) {
      expect(readQuoteAnswers(lexicon, text, ['name', 'company'], now).answered, text).toEqual([]);
    }
  });

  it('keeps where the buyer is apart from where the goods go', () => {
    const read = readQuoteAnswers(lexicon, "I'm Maria from Spain", ['name', 'company'], now);
    expect(read.profile).toMatchObject({ name: 'Maria', country: 'ES' });
    expect(read.answers.destination).toBeUndefined();
  });

  it('understands "skip" in the buyer languages, and "yes" as a confirmation', () => {
    for (const text of ['skip', 'saltar', 'пропустить', '跳过', "I don't know"]) {
      expect(readQuoteAnswers(lexicon, text, ['name'], now).skip, text).toBe(true);
    }
    expect(readQuoteAnswers(lexicon, 'yes', [], now).confirm).toBe(true);
    expect(readQuoteAnswers(lexicon, 'sí, correcto', [], now).confirm).toBe(true);
  });

  it('takes the products in the buyer own words when there is no shortlist', () => {
    const read = readQuoteAnswers(lexicon, '300 red chiffon dresses', ['items', 'destination'], now);
    expect(read.answers).toMatchObject({ items_note: '300 red chiffon dresses', quantity: 300 });
  });
});

describe('summaryText', () => {
  it('quotes the buyer, lists filters, shortlist and terms, and puts the LLM note first when there is one', () => {
    const understood = understand(lexicon, '300 red dresses under $12', now);
    const state = stateWith({
      understood,
      request: '300 red dresses under $12',
      shortlist: [{ sku: 'DR-1', quantity: 300, color: 'red', size: 'M' }],
      profile: { name: 'Maria' },
    });
    const quote = buildQuoteRequest(state, { contact, language: 'es', now });
    const plain = summaryText(state, quote, ['hola', '300 red dresses under $12']);
    expect(plain.split('\n')[0]).toBe('Buyer: Maria (telegram, es).');
    expect(plain).toContain('  "300 red dresses under $12"');
    expect(plain).toContain('Shortlist: 300 × DR-1 (red M 300).');
    expect(plain).toMatch(/budget 12 USD per unit/);
    const noted = { ...state, handoffNote: { text: 'Wants a quote fast.', source: 'llm', written_at: '' } };
    expect(summaryText(noted, quote, []).split('\n')[0]).toBe('Note: Wants a quote fast.');
  });
});
