import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Turn } from '../conversation-engine.ts';
import type { ConversationState } from '../conversation-state.ts';
import { recall } from './conversation-memory.ts';
import { addFacts, checkGrounding, emptyFacts } from './grounding-guard.ts';
import type { ChatRunnable, ModelClient, TurnBudget } from './model-client.ts';

/**
 * The note a sales rep reads when a buyer is handed off: written by the model
 * from the conversation when it can, and built from the stored facts when it
 * cannot (the offline equivalent). Kept in the conversation state, next to
 * the shortlist it describes, for the hand-off module to put on the rep's card.
 */

export interface HandoffNote {
  text: string;
  source: 'llm' | 'facts';
  written_at: string;
}

type StateWithNote = ConversationState & { handoffNote?: HandoffNote };

export function handoffNoteOf(state: ConversationState): HandoffNote | undefined {
  return (state as StateWithNote).handoffNote;
}

/** The note from stored facts alone: who, what they searched, the shortlist. */
export function factsHandoffNote(state: ConversationState): string {
  const profile = Object.entries(state.profile)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key.replace('_', ' ')}: ${value}`);
  const lines = [
    profile.length ? `Buyer: ${profile.join(', ')}.` : 'Buyer: not introduced.',
    state.request
      ? `Looking for: "${state.request}"${state.understood?.quantity ? `, ${state.understood.quantity} pcs` : ''}.`
      : '',
    state.shortlist.length
      ? `Shortlist: ${state.shortlist.map((e) => `${e.quantity} × ${e.sku}${e.color ? ` (${e.color}${e.size ? `, ${e.size}` : ''})` : ''}`).join('; ')}.`
      : 'Shortlist: empty.',
  ];
  return lines.filter(Boolean).join('\n');
}

export interface HandoffNoteDeps {
  client: ModelClient;
  model: ChatRunnable;
  budget: TurnBudget;
  prompt: string;
  /** false after a failed turn: the provider is not asked again within it */
  useModel: boolean;
}

export async function writeHandoffNote(deps: HandoffNoteDeps, turn: Turn): Promise<void> {
  const facts = factsHandoffNote(turn.state);
  let note: HandoffNote = { text: facts, source: 'facts', written_at: new Date().toISOString() };
  if (deps.useModel) {
    try {
      const { history } = await recall(turn, { maxTokens: 1500, window: 16 });
      const transcript = [
        ...history.map((m) => `${m.type === 'human' ? 'buyer' : 'bot'}: ${String(m.content)}`),
        `buyer: ${turn.text}`,
      ];
      const response = await deps.client.call(
        deps.model,
        [
          new SystemMessage(deps.prompt),
          new HumanMessage(`Facts:\n${facts}\n\nConversation:\n${transcript.join('\n')}`),
        ],
        deps.budget,
        { completionTokens: 250 },
      );
      const text = String(response.content).trim().slice(0, 1500);
      const allowed = emptyFacts();
      addFacts(allowed, [facts, transcript]);
      const violations = checkGrounding({
        reply: text,
        facts: allowed,
        buyerText: '',
        instructions: '',
        secretWords: [],
      });
      if (text && !violations.some((v) => v.kind !== 'promise')) note = { ...note, text, source: 'llm' };
    } catch {
      // The facts note is complete enough for a rep; the model's is only nicer to read.
    }
  }
  (turn.state as StateWithNote).handoffNote = note;
}
