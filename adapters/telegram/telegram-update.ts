import type { Message, MessageEntity } from 'grammy/types';
import type { FileRef } from '../../src/conversation/messages.ts';

/**
 * What a buyer's Telegram message says to the engine, and whether it is
 * meant for the bot at all. Pure: the adapter fetches photo URLs and calls
 * the engine.
 *
 * In a group the bot answers only when it is mentioned (@username), when a
 * message replies to one of its own, or for a command (bare or addressed to
 * it); with privacy mode on, Telegram sends a group bot little else anyway.
 */

export interface BotIdentity {
  id: number;
  username: string;
}

export type ReadMessage =
  { addressed: true; text: string; photoFileId?: string } | { addressed: false; reason: string };

/**
 * Commands reach the engine as the commands its intents list (seed/lexicon/
 * intents.json), without the @botname suffix; /lang keeps its argument. They
 * stay commands rather than English phrases so they never change the reply
 * language.
 */
const COMMAND_TEXT: Record<string, (argument: string) => string> = {
  start: () => '/start',
  help: () => '/help',
  shortlist: () => '/shortlist',
  sales: () => '/sales',
  deletemydata: () => '/deletemydata',
  lang: (argument) => (argument ? `/lang ${argument}` : '/lang'),
};

export function readMessage(message: Message, bot: BotIdentity): ReadMessage {
  const from = message.from;
  if (!from) return { addressed: false, reason: 'no sender' };
  // Other bots (and the bot itself) are never answered: two bots would answer each other forever.
  if (from.is_bot || from.id === bot.id) return { addressed: false, reason: 'sent by a bot' };
  const raw = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  const photoFileId = message.photo?.at(-1)?.file_id; // sizes come smallest first
  const inGroup = message.chat.type !== 'private';

  const command = entities.find((entity) => entity.type === 'bot_command' && entity.offset === 0);
  if (command) {
    const [name = '', target] = raw.slice(1, command.length).split('@');
    if (target && target.toLowerCase() !== bot.username.toLowerCase()) {
      return { addressed: false, reason: 'a command for another bot' };
    }
    const argument = raw.slice(command.length).trim();
    const toText = COMMAND_TEXT[name.toLowerCase()];
    return { addressed: true, text: toText ? toText(argument) : `/${name}${argument ? ` ${argument}` : ''}` };
  }

  const mentions = entities.filter((entity) => mentionsBot(raw, entity, bot));
  const repliedTo = message.reply_to_message?.from?.id === bot.id;
  if (inGroup && mentions.length === 0 && !repliedTo) return { addressed: false, reason: 'not addressed in a group' };
  const text = stripEntities(raw, mentions).replace(/\s+/g, ' ').trim();
  // A document alone is addressed too: during a hand-off it goes to the rep.
  if (!text && !filesOf(message).length && mentions.length === 0 && !repliedTo) {
    return { addressed: false, reason: 'no text or photo' };
  }
  return { addressed: true, text, ...(photoFileId ? { photoFileId } : {}) };
}

/** A message's photo (its largest size) or document, as the Bot API can fetch it again. */
export function filesOf(message: Message): FileRef[] {
  const photo = message.photo?.at(-1);
  if (photo) {
    // Telegram re-encodes every photo as JPEG.
    const size = photo.file_size !== undefined ? { size: photo.file_size } : {};
    return [
      {
        platform: 'telegram',
        fileId: photo.file_id,
        name: `photo-${photo.file_unique_id}.jpg`,
        mimeType: 'image/jpeg',
        ...size,
      },
    ];
  }
  const document = message.document;
  if (!document) return [];
  return [
    {
      platform: 'telegram',
      fileId: document.file_id,
      ...(document.file_name ? { name: document.file_name } : {}),
      ...(document.mime_type ? { mimeType: document.mime_type } : {}),
      ...(document.file_size !== undefined ? { size: document.file_size } : {}),
    },
  ];
}

function mentionsBot(text: string, entity: MessageEntity, bot: BotIdentity): boolean {
  if (entity.type === 'text_mention') return entity.user.id === bot.id;
  if (entity.type !== 'mention') return false;
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${bot.username.toLowerCase()}`;
}

/** Entity offsets count UTF-16 units, as JavaScript strings do. */
function stripEntities(text: string, entities: MessageEntity[]): string {
  let result = text;
  for (const entity of [...entities].sort((a, b) => b.offset - a.offset)) {
    result = `${result.slice(0, entity.offset)} ${result.slice(entity.offset + entity.length)}`;
  }
  return result;
}
