import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ReplyDraft } from '../conversation-engine.ts';
import { addFacts, checkGrounding, emptyFacts } from './grounding-guard.ts';
import type { ChatRunnable, ModelClient, TurnBudget } from './model-client.ts';
import { fillPrompt } from './prompts.ts';

/**
 * The bot's rendered replies (catalog text, button labels) in a language the
 * message catalogs lack. A translation that changes a number or a SKU, or
 * fails in any way, is dropped: the buyer gets the English rendering, which
 * is what the offline planner gives them too.
 */

export interface TranslateDeps {
  client: ModelClient;
  model: ChatRunnable;
  budget: TurnBudget;
  prompt: string;
}

export async function translateDrafts(
  deps: TranslateDeps,
  drafts: ReplyDraft[],
  language: string,
): Promise<ReplyDraft[]> {
  const texts = drafts.flatMap((draft) => [draft.text, ...(draft.buttons ?? []).map((button) => button.label)]);
  let translated: string[];
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
    const response = await deps.client.call(
      deps.model,
      [new SystemMessage(fillPrompt(deps.prompt, { language: name })), new HumanMessage(JSON.stringify(texts))],
      deps.budget,
      { completionTokens: Math.min(1500, Math.ceil(JSON.stringify(texts).length / 2) + 50) },
    );
    translated = JSON.parse(String(response.content).replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return drafts;
  }
  if (!Array.isArray(translated) || translated.length !== texts.length) return drafts;
  for (let i = 0; i < texts.length; i++) {
    const facts = emptyFacts();
    addFacts(facts, texts[i]);
    const violations = checkGrounding({
      reply: String(translated[i]),
      facts,
      buyerText: '',
      instructions: '',
      secretWords: [],
    });
    if (typeof translated[i] !== 'string' || violations.some((v) => v.kind !== 'promise')) return drafts;
  }
  let next = 0;
  return drafts.map((draft) => {
    const text = translated[next++]!;
    const buttons = draft.buttons?.map((button) => ({ ...button, label: translated[next++]! }));
    return { ...draft, text, ...(buttons ? { buttons } : {}) } as ReplyDraft;
  });
}
