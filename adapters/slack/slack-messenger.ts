import type { webApi } from '@slack/bolt';
import type { Messenger } from '../../src/channels/channel-adapter.ts';
import { renderMessages } from './render-blocks.ts';

/**
 * Posting on Showroom's own initiative (hand-off cards, the rep's messages to
 * a Slack buyer, reminders): Block Kit from the same renderer as replies.
 * Failures throw (the WebClient's platform error), so the outbox retries.
 */
export function slackMessenger(client: webApi.WebClient): Messenger {
  return {
    async post(to, message) {
      let first: string | undefined;
      for (const piece of renderMessages(message)) {
        const posted = await client.chat.postMessage({
          channel: to.chatId,
          ...(to.threadId ? { thread_ts: to.threadId } : {}),
          text: piece.text,
          ...(piece.blocks.length ? { blocks: piece.blocks } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        first ??= posted.ts;
      }
      if (!first) throw new Error('Slack did not say which message it posted');
      return { messageId: first };
    },
    async edit(at, message) {
      // A card fits one Slack message; its buttons are replaced with the new state's.
      const [piece] = renderMessages(message);
      await client.chat.update({ channel: at.chatId, ts: at.messageId, text: piece!.text, blocks: piece!.blocks });
    },
  };
}
