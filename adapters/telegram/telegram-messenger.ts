import { GrammyError, type Api } from 'grammy';
import type { Messenger } from '../../src/channels/channel-adapter.ts';
import { renderReply, type RenderLimits } from './telegram-render.ts';

/**
 * Posting on Showroom's own initiative (hand-off cards in the sales group,
 * the rep's messages to a Telegram buyer, reminders). Desk messages are text
 * with buttons; a message "in a thread" replies to the card, which is how a
 * Telegram group keeps one hand-off together. Failures throw, so the outbox
 * retries (auto-retry has already waited out 429s).
 */
export function telegramMessenger(api: Api, limits: RenderLimits): Messenger {
  const options = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
  return {
    async post(to, message) {
      let first: number | undefined;
      for (const item of renderReply(message, limits).sends) {
        if (item.method !== 'sendMessage') continue;
        const sent = await api.sendMessage(Number(to.chatId), item.text, {
          ...options,
          ...(to.threadId && first === undefined
            ? { reply_parameters: { message_id: Number(to.threadId), allow_sending_without_reply: true } }
            : {}),
          ...(item.keyboard ? { reply_markup: item.keyboard } : {}),
        });
        first ??= sent.message_id;
      }
      if (first === undefined) throw new Error('nothing to send');
      return { messageId: String(first) };
    },
    async edit(at, message) {
      const sends = renderReply(message, limits).sends.filter((item) => item.method === 'sendMessage');
      const keyboard = sends.findLast((item) => item.keyboard)?.keyboard;
      try {
        await api.editMessageText(Number(at.chatId), Number(at.messageId), sends[0]?.text ?? '…', {
          ...options,
          reply_markup: keyboard ?? { inline_keyboard: [] },
        });
      } catch (error) {
        // Already showing this state (a repeated delivery): nothing to change.
        if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return;
        throw error;
      }
    },
  };
}
