import type { Transformer } from 'grammy';

/**
 * Keeps the bot inside Telegram's sending limits before it hits them: about
 * one message a second in a chat (short bursts allowed), twenty a minute in a
 * group, thirty a second in all. A grammY API transformer, so every message
 * the bot sends is paced, whatever sends it; a 429 that still happens is left
 * to auto-retry, which waits the retry_after Telegram names.
 */

export interface ChatPacingOptions {
  /** least time between messages in a private chat, once the burst is spent; 0 turns pacing off */
  chatIntervalMs: number;
  /** the same in groups and channels (Telegram: 20 messages a minute) */
  groupIntervalMs: number;
  /** messages a chat may get at once before the interval applies */
  burst: number;
  /** messages a second across all chats (Telegram: 30) */
  globalPerSecond: number;
}

export const DEFAULT_PACING: ChatPacingOptions = {
  chatIntervalMs: 1000,
  groupIntervalMs: 3000,
  burst: 3,
  globalPerSecond: 30,
};

/** Methods that put a message in a chat. */
const SENDING = new Set([
  'sendMessage',
  'sendPhoto',
  'sendMediaGroup',
  'sendDocument',
  'sendVideo',
  'sendAnimation',
  'sendAudio',
  'sendVoice',
  'sendSticker',
  'sendLocation',
  'sendContact',
  'copyMessage',
  'forwardMessage',
]);

/** Chats idle this long are forgotten (their bucket would be full again anyway). */
const FORGET_AFTER_MS = 60_000;

/**
 * A token bucket that hands out reservations: take() says how long to wait,
 * and the tokens may go below zero, so callers that take in order are
 * served in order.
 */
class Bucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly capacity: number,
    private readonly intervalMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updated = now;
  }

  take(now: number): number {
    if (this.intervalMs <= 0) return 0;
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) / this.intervalMs);
    this.updated = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens * this.intervalMs);
  }

  idleSince(now: number): boolean {
    return now - this.updated > FORGET_AFTER_MS;
  }
}

export function createChatPacer(options: ChatPacingOptions): Transformer {
  const chats = new Map<string, Bucket>();
  const global = new Bucket(
    Math.max(1, options.globalPerSecond),
    options.globalPerSecond > 0 ? 1000 / options.globalPerSecond : 0,
    Date.now(),
  );
  const wait = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);

  function bucketFor(chatId: string, now: number): Bucket {
    let bucket = chats.get(chatId);
    if (!bucket) {
      if (chats.size >= 1000) for (const [id, b] of chats) if (b.idleSince(now)) chats.delete(id);
      // Group and channel ids are negative.
      const interval = chatId.startsWith('-') ? options.groupIntervalMs : options.chatIntervalMs;
      bucket = new Bucket(Math.max(1, options.burst), interval, now);
      chats.set(chatId, bucket);
    }
    return bucket;
  }

  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
    if (SENDING.has(method) && chatId !== undefined) {
      await wait(bucketFor(String(chatId), Date.now()).take(Date.now()));
      await wait(global.take(Date.now()));
    }
    return prev(method, payload, signal);
  };
}
