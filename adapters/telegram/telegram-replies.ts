import { GrammyError, type Api } from 'grammy';
import type { ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage } from '../../src/conversation/messages.ts';
import type { Logger } from '../../src/logger.ts';
import { loggableError } from './telegram-errors.ts';
import { renderReply, type RenderLimits, type TelegramSend } from './telegram-render.ts';
import { escapeHtml, rightToLeft } from './telegram-text.ts';
import { RTL_LANGUAGES, textsFor } from './telegram-texts.ts';

/**
 * One buyer message on Telegram, from the engine to the chat: "typing…"
 * while the engine works, then its replies sent in order. A re-delivered
 * update gets nothing (its replies went out the first time); an engine
 * failure gets a short apology in the buyer's language; a failed send stops
 * the rest of that answer and is logged. Nothing here throws.
 */

export interface ReplyDeps {
  engine: ConversationEngine;
  log: Logger;
  /** only to blot it out of logged errors */
  token: string;
  limits: RenderLimits;
}

/** Where in Telegram the answer goes. */
export interface ReplyTarget {
  chatId: number;
  /** a forum topic: replies stay in it */
  threadId?: number;
  /** in groups, the first message of the answer quotes the buyer's, so several buyers can tell theirs apart */
  replyTo?: number;
  /** the buyer's Telegram client language, for the apology */
  languageCode?: string;
}

export type Outcome = 'replied' | 'duplicate' | 'engine failed' | 'send failed';

/** "typing…" lasts five seconds on the buyer's screen; renew it until the answer goes out. */
const TYPING_EVERY_MS = 4000;

export async function answerBuyer(
  api: Api,
  target: ReplyTarget,
  inbound: InboundMessage,
  deps: ReplyDeps,
): Promise<{ outcome: Outcome; replies: number }> {
  const logError = (error: unknown, message: string) =>
    deps.log.warn({ err: loggableError(error, deps.token), dedupeId: inbound.dedupeId }, message);
  const thread = target.threadId ? { message_thread_id: target.threadId } : {};
  const typing = () => void api.sendChatAction(target.chatId, 'typing', thread).catch(() => undefined);
  typing();
  const timer = setInterval(typing, TYPING_EVERY_MS);
  let received;
  try {
    received = await deps.engine.receive(inbound);
  } catch (error) {
    deps.log.error(
      { err: loggableError(error, deps.token), dedupeId: inbound.dedupeId },
      'the engine failed on a Telegram message; the buyer gets an apology',
    );
    const { language, texts } = textsFor(target.languageCode);
    const apology = RTL_LANGUAGES.has(language) ? rightToLeft(texts.apology) : texts.apology;
    try {
      await send(api, target, { method: 'sendMessage', text: escapeHtml(apology) }, deps.log);
    } catch (sendError) {
      logError(sendError, 'could not send the apology');
    }
    return { outcome: 'engine failed', replies: 0 };
  } finally {
    clearInterval(timer);
  }
  if (received.duplicate) return { outcome: 'duplicate', replies: received.replies.length };

  let first = true;
  for (const reply of received.replies) {
    const { sends, droppedButtons } = renderReply(reply, deps.limits);
    if (droppedButtons.length) {
      deps.log.warn({ buttons: droppedButtons.map((b) => b.label) }, 'buttons left out: their id exceeds 64 bytes');
    }
    for (const item of sends) {
      try {
        await send(api, first ? target : { ...target, replyTo: undefined }, item, deps.log);
        first = false;
      } catch (error) {
        // The rest of the answer would read out of context; the engine has it stored.
        logError(error, 'could not send a reply to Telegram; the rest of this answer is dropped');
        return { outcome: 'send failed', replies: received.replies.length };
      }
    }
  }
  return { outcome: 'replied', replies: received.replies.length };
}

async function send(api: Api, target: ReplyTarget, item: TelegramSend, log: Logger): Promise<void> {
  const where = {
    ...(target.threadId ? { message_thread_id: target.threadId } : {}),
    ...(target.replyTo ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } } : {}),
  };
  const markup = 'keyboard' in item && item.keyboard ? { reply_markup: item.keyboard } : {};
  const sendText = (text: string) =>
    api.sendMessage(target.chatId, text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...where,
      ...markup,
    });
  switch (item.method) {
    case 'sendMessage':
      await sendText(item.text);
      return;
    case 'sendPhoto':
      try {
        await api.sendPhoto(target.chatId, item.photo, {
          caption: item.caption,
          parse_mode: 'HTML',
          ...where,
          ...markup,
        });
      } catch (error) {
        // Telegram fetches the image itself; a catalog URL it cannot read must not cost the buyer the card.
        if (!isBadRequest(error)) throw error;
        log.warn({ description: (error as GrammyError).description }, 'product image refused; sent the card as text');
        await sendText(item.caption);
      }
      return;
    case 'sendMediaGroup':
      try {
        await api.sendMediaGroup(target.chatId, item.media, where);
      } catch (error) {
        // The bundle's text, which lists every piece, follows anyway.
        if (!isBadRequest(error)) throw error;
        log.warn({ description: (error as GrammyError).description }, 'bundle pictures refused; sending the text only');
      }
      return;
  }
}

function isBadRequest(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400;
}
