import { readdir, readFile } from 'node:fs/promises';
import { createInstance, type TFunction } from 'i18next';
import { formatMoney } from './product-cards.ts';

/**
 * The bot's own sentences in the buyer's language: the i18next message
 * catalogs in locales/, and number formats. Both planners speak through it
 * (the LLM planner for button labels and for the offline rendering it falls
 * back to).
 */

const LOCALES_DIR = new URL('./locales/', import.meta.url);
const RTL = new Set(['ar']);

/** One turn's language tools: translations and number formats in the buyer's language. */
export interface Speech {
  t: TFunction;
  locale: string;
  money: (amount: number, currency: string) => string;
}

export interface Speaker {
  /** The catalog for a language, English when it has none. */
  speechFor(language: string | undefined): Speech;
  /** Languages with a message catalog. */
  languages: ReadonlySet<string>;
  /** Arabic and other right-to-left locales: renderers align and isolate the text. */
  isRtl(locale: string): boolean;
}

/** Loads every catalog in locales/: the languages the bot replies in. */
async function loadCatalogs(): Promise<Record<string, { translation: Record<string, string> }>> {
  const resources: Record<string, { translation: Record<string, string> }> = {};
  for (const file of (await readdir(LOCALES_DIR)).filter((f) => f.endsWith('.json'))) {
    resources[file.slice(0, -5)] = { translation: JSON.parse(await readFile(new URL(file, LOCALES_DIR), 'utf8')) };
  }
  return resources;
}

export async function createSpeaker(): Promise<Speaker> {
  const resources = await loadCatalogs();
  const i18n = createInstance();
  await i18n.init({ lng: 'en', fallbackLng: 'en', resources, interpolation: { escapeValue: false } });
  return {
    speechFor(language) {
      const locale = language && resources[language] ? language : 'en';
      return { t: i18n.getFixedT(locale), locale, money: (amount, currency) => formatMoney(amount, currency, locale) };
    },
    languages: new Set(Object.keys(resources)),
    isRtl: (locale) => RTL.has(locale),
  };
}
