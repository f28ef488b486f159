import type { ConversationEngine } from '../conversation/conversation-engine.ts';
import type { FileRef, OutboundMessage } from '../conversation/messages.ts';
import type { SalesDesk } from '../handoff/sales-desk.ts';
import type { Database } from '../db/database.ts';
import type { Route } from '../http/http-server.ts';
import type { Logger } from '../logger.ts';

/**
 * The port every chat platform implements (the shape of Bolt's Receiver):
 * transport only. An adapter turns its platform's updates into
 * InboundMessages for the engine and renders the engine's OutboundMessages
 * within the platform's limits; what to say is never its business.
 *
 * The composition root (src/app.ts) creates one adapter per platform whose
 * credentials are configured, adds its routes to the shared HTTP port, and
 * starts and stops it with the process.
 */
export interface ChannelAdapter {
  /** the InboundMessage.channel value this adapter uses ('telegram', 'slack') */
  readonly channel: string;
  /** HTTP routes served on the shared PORT (Telegram webhook, Slack events); none in polling mode */
  readonly routes: Route[];
  /** begins receiving (long polling, Socket Mode); HTTP-mode adapters only get ready */
  start(): Promise<void>;
  /** stops receiving and waits for the messages in flight */
  stop(): Promise<void>;
  /** sends outside a reply (hand-off cards, rep messages, notices): what the outbox worker delivers with */
  readonly messenger: Messenger;
}

/**
 * Sending on the platform's own initiative. Throws when the platform refuses
 * or cannot be reached: the outbox worker retries later.
 */
export interface Messenger {
  /** posts to a chat (in a thread: Slack thread ts, Telegram message to reply to); resolves with the first message's id */
  post(to: { chatId: string; threadId?: string }, message: OutboundMessage): Promise<{ messageId: string }>;
  /** replaces a posted message's text and buttons (a hand-off card after a claim) */
  edit(at: { chatId: string; messageId: string }, message: OutboundMessage): Promise<void>;
  /**
   * Fetches a file someone sent on this platform. Throws FileUnavailableError
   * when it can never be fetched (gone, or over `maxBytes`), anything else
   * when a later try may work. Absent where the platform cannot (web chat).
   */
  download?(file: FileRef, options: { maxBytes: number }): Promise<FileContent>;
  /** posts a file (an image as a photo where the platform shows one), with a caption */
  postFile?(
    to: { chatId: string; threadId?: string },
    file: FileContent,
    caption?: string,
  ): Promise<{ messageId: string }>;
}

/** A file's bytes, between a download on one platform and an upload on another. */
export interface FileContent {
  bytes: Buffer;
  name: string;
  mimeType: string;
}

/** A file that no retry will fetch: say so instead of sending it. */
export class FileUnavailableError extends Error {
  override readonly name = 'FileUnavailableError';
  constructor(
    readonly code: 'FILE_GONE' | 'FILE_TOO_LARGE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the core hands every adapter. */
export interface ChannelContext {
  engine: ConversationEngine;
  db: Database;
  log: Logger;
  /** set when sales destinations are configured: messages and buttons in them are the reps', not buyers' */
  desk?: SalesDesk;
}
