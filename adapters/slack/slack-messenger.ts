import type { webApi } from '@slack/bolt';
import { FileUnavailableError, type Messenger } from '../../src/channels/channel-adapter.ts';
import type { FileRef } from '../../src/conversation/messages.ts';
import { renderMessages } from './render-blocks.ts';

/**
 * Posting on Showroom's own initiative (hand-off cards, the rep's messages to
 * a Slack buyer, reminders): Block Kit from the same renderer as replies.
 * Files go up with files.uploadV2 (files:write) and come down from their
 * url_private with the bot token (files:read).
 * Failures throw (the WebClient's platform error), so the outbox retries.
 */
export function slackMessenger(client: webApi.WebClient, files: { botToken: string; apiUrl: string }): Messenger {
  // The bot token goes only to Slack's own file hosts (or the Web API's, a local fake in tests), whatever an event says.
  const trusted = (url: string) => {
    if (!URL.canParse(url)) return false;
    const { protocol, hostname, origin } = new URL(url);
    return (
      origin === new URL(files.apiUrl).origin || (protocol === 'https:' && /(^|\.)slack(-gov)?\.com$/.test(hostname))
    );
  };

  /** url_private from files.info, for events that carry only the id (some shared channels). */
  async function privateUrl(file: FileRef, maxBytes: number): Promise<string> {
    try {
      const info = await client.files.info({ file: file.fileId });
      if ((info.file?.size ?? 0) > maxBytes) throw tooLarge(file);
      const url = info.file?.url_private_download ?? info.file?.url_private;
      if (!url) throw new FileUnavailableError('FILE_GONE', `Slack gives no download for ${describe(file)}`);
      return url;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code === 'file_not_found' || code === 'file_deleted') {
        throw new FileUnavailableError('FILE_GONE', `Slack no longer has ${describe(file)}`, { cause: error });
      }
      throw error;
    }
  }

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
    async download(file, { maxBytes }) {
      if (file.platform !== 'slack') throw new Error(`a ${file.platform} file is not Slack's to fetch`);
      if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file);
      const url = file.url ?? (await privateUrl(file, maxBytes));
      if (!trusted(url)) throw new FileUnavailableError('FILE_GONE', `${describe(file)} is not on Slack's file host`);
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${files.botToken}` },
        // a stalled download must not hold the outbox worker: it fails, and the row is retried later
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (response.status === 404) throw new FileUnavailableError('FILE_GONE', `Slack no longer has ${describe(file)}`);
      if (!response.ok) throw new Error(`Slack answered ${response.status} to the download of ${describe(file)}`);
      // Without files:read Slack answers with its sign-in page, not an error.
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('text/html') && !file.mimeType?.startsWith('text/html')) {
        throw new Error(
          `Slack sent a web page instead of ${describe(file)}: add the files:read scope to the app and reinstall it`,
        );
      }
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(file);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > maxBytes) throw tooLarge(file);
      return {
        bytes,
        name: file.name ?? 'file',
        mimeType: file.mimeType ?? (type.split(';')[0] || 'application/octet-stream'),
      };
    },
    async postFile(to, file, caption) {
      const upload = {
        file: file.bytes,
        filename: file.name,
        ...(caption ? { initial_comment: caption } : {}),
      };
      const result = await client.files.uploadV2(
        to.threadId
          ? { ...upload, channel_id: to.chatId, thread_ts: to.threadId }
          : { ...upload, channel_id: to.chatId },
      );
      // Slack shares the file in the channel after the upload completes, so no message ts is known yet: the file id stands in.
      const uploaded = (result as { files?: Array<{ files?: Array<{ id?: string }> }> }).files?.[0]?.files?.[0]?.id;
      if (!uploaded) throw new Error('Slack did not say which file it uploaded');
      return { messageId: uploaded };
    },
  };
}

function describe(file: FileRef): string {
  return file.name ? `the file ${file.name}` : 'a file';
}

function tooLarge(file: FileRef): FileUnavailableError {
  return new FileUnavailableError('FILE_TOO_LARGE', `${describe(file)} is too large to pass on`);
}

/** The longest a file download may take before it counts as failed (retried by the outbox). */
const DOWNLOAD_TIMEOUT_MS = 60_000;
