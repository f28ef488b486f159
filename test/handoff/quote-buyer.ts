import type { ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage, OutboundMessage } from '../../src/conversation/messages.ts';

/**
 * A buyer talking to the real engine (offline planner) who asks for a quote
 * and confirms it: where every sales-desk scenario starts.
 */

export type Send = (text: string, extra?: Partial<InboundMessage>) => Promise<OutboundMessage[]>;

let messageCount = 0;

/** One buyer's messages to the engine, each with its own dedupe id. */
export function buyerOn(
  engine: ConversationEngine,
  buyer: Pick<InboundMessage, 'channel' | 'chatId' | 'userId' | 'userName'>,
): Send {
  return (text, extra = {}) => engine.handle({ ...buyer, dedupeId: `buyer-${++messageCount}`, text, ...extra });
}

export async function press(send: Send, replies: OutboundMessage[], label: string): Promise<OutboundMessage[]> {
  const button = replies.flatMap((r) => r.buttons ?? []).find((b) => b.label === label);
  if (!button) throw new Error(`no ${label} button in ${JSON.stringify(replies.map((r) => r.text))}`);
  return send('', { actionId: button.id });
}

/** Maria of Bella Boutique shortlists a dress, asks for sales and confirms; resolves with the confirmation. */
export async function confirmQuoteRequest(send: Send): Promise<OutboundMessage[]> {
  await send("I'm Maria from Bella Boutique");
  await send('black evening dresses, 100 pcs');
  await send('add the first one');
  await send('talk to sales');
  const summary = await send('ship to Spain in 8 weeks');
  return press(send, summary, 'Confirm');
}
