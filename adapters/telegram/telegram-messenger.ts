import { GrammyError, InputFile, type Api } from 'grammy';
import { FileUnavailableError, type FileContent, type Messenger } from '../../src/channels/channel-adapter.ts';
import type { FileRef } from '../../src/conversation/messages.ts';
import { renderReply, type RenderLimits } from './telegram-render.ts';

/**
 * Posting on Showroom's own initiative (hand-off cards in the sales group,
 * the rep's messages to a Telegram buyer, reminders). Desk messages are text
 * with buttons; a message "in a thread" replies to the card, which is how a
 * Telegram group keeps one hand-off together. Failures throw, so the outbox
 * retries (auto-retry has already waited out 429s).
 */
export function telegramMessenger(
  api: Api,
  limits: RenderLimits,
  files: { token: string; apiRoot: string },
): Messenger {
  const options = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
  const replyTo = (threadId?: string) =>
    threadId ? { reply_parameters: { message_id: Number(threadId), allow_sending_without_reply: true } } : {};

  /** A photo as Telegram shows photos (sendPhoto takes up to 10 MB); anything else, or a photo it refuses, as a document. */
  async function sendFile(chatId: number, file: FileContent, caption: string | undefined, threadId?: string) {
    const extra = { ...replyTo(threadId), ...(caption ? { caption } : {}) };
    if (/^image\/(jpeg|png|webp)$/.test(file.mimeType) && file.bytes.length <= 10 * 2 ** 20) {
      try {
        return await api.sendPhoto(chatId, new InputFile(file.bytes, file.name), extra);
      } catch (error) {
        // Odd dimensions or an image it cannot decode: the same bytes still go as a file.
        if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
      }
    }
    return api.sendDocument(chatId, new InputFile(file.bytes, file.name), extra);
  }

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
    async download(file, { maxBytes }) {
      if (file.platform !== 'telegram') throw new Error(`a ${file.platform} file is not Telegram's to fetch`);
      if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file);
      let path: string | undefined;
      try {
        path = (await api.getFile(file.fileId)).file_path;
      } catch (error) {
        // The Bot API hands bots files up to 20 MB, and refuses an id it no longer knows.
        if (error instanceof GrammyError && /too big/i.test(error.description)) throw tooLarge(file, error);
        if (error instanceof GrammyError && error.error_code === 400) {
          throw new FileUnavailableError('FILE_GONE', `Telegram no longer has ${describe(file)}`, { cause: error });
        }
        throw error;
      }
      if (!path) throw new FileUnavailableError('FILE_GONE', `Telegram gave no path for ${describe(file)}`);
      // The URL holds the bot token: it is never logged, and errors about it are made without it.
      const response = await fetch(`${files.apiRoot}/file/bot${files.token}/${path}`, {
        // a stalled download must not hold the outbox worker: it fails, and the row is retried later
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new Error(`could not download ${describe(file)} from Telegram (${(error as Error).name})`);
      });
      if (response.status === 404)
        throw new FileUnavailableError('FILE_GONE', `Telegram no longer has ${describe(file)}`);
      if (!response.ok) throw new Error(`Telegram answered ${response.status} to the download of ${describe(file)}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > maxBytes) throw tooLarge(file);
      return {
        bytes,
        name: file.name ?? path.split('/').at(-1) ?? 'file',
        mimeType: file.mimeType ?? response.headers.get('content-type') ?? 'application/octet-stream',
      };
    },
    async postFile(to, file, caption) {
      // A caption over Telegram's limit goes as a message of its own, replying to the file.
      const fits = caption === undefined || caption.length <= limits.captionChars;
      const sent = await sendFile(Number(to.chatId), file, fits ? caption : undefined, to.threadId);
      if (!fits) await api.sendMessage(Number(to.chatId), caption, replyTo(String(sent.message_id)));
      return { messageId: String(sent.message_id) };
    },
  };
}

function describe(file: FileRef): string {
  if (file.mimeType?.startsWith('image/')) return 'a photo';
  return file.name ? `the file ${file.name}` : 'a file';
}

function tooLarge(file: FileRef, cause?: unknown): FileUnavailableError {
  return new FileUnavailableError('FILE_TOO_LARGE', `${describe(file)} is larger than bots may download`, { cause });
}

/** The longest a file download may take before it counts as failed (retried by the outbox). */
const DOWNLOAD_TIMEOUT_MS = 60_000;
