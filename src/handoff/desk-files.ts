import { FileUnavailableError, type FileContent, type Messenger } from '../channels/channel-adapter.ts';
import type { FileRef, OutboundMessage } from '../conversation/messages.ts';
import type { Logger } from '../logger.ts';

/**
 * Photos and files between a buyer and the rep who has them. The transcript
 * and the outbox keep only references (a platform's file id, never a URL with
 * a token); at delivery each file is fetched from the platform it was sent
 * on and posted through the other one.
 */

/** Telegram bots download at most 20 MB, so a larger file is described rather than passed on, on any platform. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** How a file reads in the transcript, and wherever it cannot be passed on: "[photo]", "[file: spec.pdf]". */
export function describeFiles(files: readonly FileRef[]): string {
  return files
    .map((file) => (file.mimeType?.startsWith('image/') ? '[photo]' : `[file: ${file.name ?? 'unnamed'}]`))
    .join(' ');
}

/** The file references an outbox or transcript payload carries (none when it has none). */
export function filesOf(payload: Record<string, unknown> | null | undefined): FileRef[] {
  return Array.isArray(payload?.files) ? (payload.files as FileRef[]) : [];
}

/**
 * A message with its files: each fetched from the platform it was sent on
 * and posted through `target`, the text as the first one's caption. A file
 * no retry will fetch (gone, too large) or that one of the two platforms
 * cannot carry is left out and the text says so; any other failure throws,
 * and the outbox tries the whole message again.
 */
export async function postWithFiles(
  deps: { messengers: Partial<Record<string, Messenger>>; log?: Pick<Logger, 'warn'> },
  target: Messenger,
  to: { chatId: string; threadId?: string },
  message: OutboundMessage,
  files: readonly FileRef[],
): Promise<{ messageId: string }> {
  const contents: FileContent[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const source = deps.messengers[file.platform];
    if (!source?.download || !target.postFile) {
      notes.push(`${describeFiles([file])} could not be passed on: ask for a link`);
      continue;
    }
    try {
      contents.push(await source.download(file, { maxBytes: MAX_FILE_BYTES }));
    } catch (error) {
      if (!(error instanceof FileUnavailableError)) throw error;
      deps.log?.warn({ platform: file.platform, code: error.code }, 'a file could not be passed on');
      const why = error.code === 'FILE_TOO_LARGE' ? `it is over ${MAX_FILE_BYTES / 2 ** 20} MB` : 'it is gone';
      notes.push(`${describeFiles([file])} could not be passed on: ${why}`);
    }
  }
  const text = notes.length ? `${message.text}\n(${notes.join('; ')})` : message.text;
  let first: string | undefined;
  for (const [i, content] of contents.entries()) {
    const posted = await target.postFile!(to, content, i === 0 ? text : undefined);
    first ??= posted.messageId;
  }
  return first ? { messageId: first } : target.post(to, { ...message, text });
}
