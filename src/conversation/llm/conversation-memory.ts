import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Turn } from '../conversation-engine.ts';
import type { ConversationState } from '../conversation-state.ts';
import { addFacts, type GroundingFacts } from './grounding-guard.ts';
import { estimateTokens } from './model-client.ts';

/**
 * What the model remembers of a conversation: the stored facts (filters,
 * lists shown, focus, shortlist, hand-off status: read from the database
 * every turn, never only from the prompt history), the last messages, and a
 * running summary of older ones, all within a share of the turn's token
 * budget. Messages come from conversation_messages, so nothing is kept twice.
 */

/** The LLM planner's own slice of conversations.state; the offline planner ignores it. */
export interface LlmMemory {
  /** the running summary of the messages up to `through` (a conversation_messages id) */
  summary?: string;
  through?: number;
}

type StateWithMemory = ConversationState & { llm?: LlmMemory };

export function memoryOf(state: ConversationState): LlmMemory {
  return (state as StateWithMemory).llm ?? {};
}

export function setMemory(state: ConversationState, memory: LlmMemory): void {
  (state as StateWithMemory).llm = memory;
}

export interface StoredMessage {
  id: number;
  role: 'buyer' | 'bot';
  text: string;
}

export interface Recall {
  /** the facts block, sent as a second system message */
  facts: string;
  history: BaseMessage[];
  /** numbers and SKUs the stored facts hold: the guard accepts them */
  grounding: (facts: GroundingFacts) => void;
  /** older messages not yet in the summary, oldest first; summarised once there are enough */
  unsummarized: StoredMessage[];
}

export interface RecallOptions {
  /** tokens the history may take */
  maxTokens: number;
  /** most messages kept verbatim */
  window?: number;
}

/** The bot's own replies are long (tier lists); their gist is enough, and the tools give the facts again. */
const MESSAGE_CHARS = { buyer: 400, bot: 240 };

export async function recall(turn: Turn, options: RecallOptions): Promise<Recall> {
  // Two exchanges: the facts block carries the lists, focus, set and shortlist, and the summary what came before.
  const window = options.window ?? 4;
  const memory = memoryOf(turn.state);
  const { rows } = await turn.tx.query<{ id: number; direction: 'in' | 'out'; text: string | null }>(
    `select m.id, m.direction, m.text from conversation_messages m
       join conversations c on c.id = m.conversation_id
      where c.channel = $1 and c.chat_id = $2 and c.user_id = $3
        and m.id > $5 and not (m.direction = 'in' and m.dedupe_id = $4)
      order by m.id desc limit 60`,
    [turn.inbound.channel, turn.inbound.chatId, turn.inbound.userId, turn.inbound.dedupeId, memory.through ?? 0],
  );
  const messages: StoredMessage[] = rows
    .filter((row) => row.text)
    .map((row) => ({
      id: row.id,
      role: row.direction === 'in' ? 'buyer' : 'bot',
      text: row.text!.slice(0, MESSAGE_CHARS[row.direction === 'in' ? 'buyer' : 'bot']),
    }));
  const kept: StoredMessage[] = [];
  let tokens = 0;
  for (const message of messages) {
    const cost = estimateTokens(message.text) + 4;
    if (kept.length >= window || tokens + cost > options.maxTokens) break;
    kept.push(message);
    tokens += cost;
  }
  kept.reverse();
  const unsummarized = messages.slice(kept.length).reverse();
  return {
    facts: factsBlock(turn, memory.summary),
    history: kept.map((m) => (m.role === 'buyer' ? new HumanMessage(m.text) : new AIMessage(m.text))),
    grounding: (facts) => storedFacts(turn.state, facts),
    unsummarized,
  };
}

function factsBlock(turn: Turn, summary: string | undefined): string {
  const { state } = turn;
  const lines = ['Conversation facts (from the database; the only memory you can rely on):'];
  if (turn.language)
    lines.push(`reply language: ${turn.language}${state.languageChosen ? ' (chosen by the buyer)' : ''}`);
  const profile = Object.entries(state.profile).filter(([, v]) => v);
  if (profile.length) lines.push(`buyer: ${profile.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (state.request)
    lines.push(
      `current search: "${state.request.slice(0, 200)}"${state.understood?.quantity ? `, ${state.understood.quantity} pcs` : ''}`,
    );
  const list = state.lastList === 'shortlist' ? state.shortlist.map((e) => e.sku) : state.lastResults;
  if (list.length)
    lines.push(`last list shown (${state.lastList ?? 'results'}): ${list.map((s, i) => `${i + 1}. ${s}`).join(', ')}`);
  if (state.focus) lines.push(`product in focus: ${state.focus}`);
  if (state.lastBundle) {
    const items = Object.entries(state.lastBundle.items).map(([category, sku]) => `${category} ${sku}`);
    lines.push(`last set: around ${state.lastBundle.sku} at ${state.lastBundle.quantity} pcs: ${items.join(', ')}`);
  }
  lines.push(
    state.shortlist.length
      ? `shortlist: ${state.shortlist.map((e) => `${e.sku} × ${e.quantity}${e.color ? ` ${e.color}` : ''}${e.size ? ` ${e.size}` : ''}`).join('; ')}`
      : 'shortlist: empty',
  );
  lines.push(`sales hand-off: ${turn.handoffStatus}`);
  if (summary) lines.push(`earlier in this conversation: ${summary}`);
  return lines.join('\n');
}

/** Stored facts the reply may repeat: SKUs and quantities, and the buyer's own budget. */
function storedFacts(state: ConversationState, facts: GroundingFacts): void {
  addFacts(facts, [state.lastResults, state.focus ?? '', state.shortlist, state.lastBundle ?? {}], false);
  if (state.understood?.quantity) addFacts(facts, state.understood.quantity, false);
  if (state.understood?.budget) addFacts(facts, state.understood.budget.amount, true);
}

/** The request that folds older messages into the running summary. */
export function summaryRequest(
  instructions: string,
  previous: string | undefined,
  older: StoredMessage[],
): BaseMessage[] {
  // The bot's lines by their opening (what was shown): the summary leaves prices out, and the call must fit a busy turn.
  const transcript = older.map((m) => `${m.role}: ${m.role === 'bot' ? m.text.slice(0, 120) : m.text}`).join('\n');
  return [
    new SystemMessage(instructions),
    new HumanMessage(`${previous ? `Summary so far: ${previous}\n\n` : ''}Messages to add:\n${transcript}`),
  ];
}
