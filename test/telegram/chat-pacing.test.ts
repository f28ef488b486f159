import { describe, expect, it } from 'vitest';
import type { ApiCallFn } from 'grammy';
import { createChatPacer } from '../../adapters/telegram/chat-pacing.ts';

/** The pacer in front of a Bot API that only notes when each call reached it. */
function pacedApi(options: Parameters<typeof createChatPacer>[0]) {
  const pacer = createChatPacer(options);
  const reached: Array<{ method: string; chat: unknown; at: number }> = [];
  const prev = (async (method: string, payload: { chat_id?: unknown }) => {
    reached.push({ method, chat: payload?.chat_id, at: Date.now() });
    return { ok: true, result: true };
  }) as unknown as ApiCallFn;
  const call = (method: string, chatId?: number) =>
    pacer(prev, method as 'sendMessage', (chatId === undefined ? {} : { chat_id: chatId, text: 'x' }) as never);
  return { call, reached };
}

describe('chat pacing', () => {
  it('lets a burst through, then spaces a chat’s messages by its interval', async () => {
    const { call, reached } = pacedApi({ chatIntervalMs: 150, groupIntervalMs: 400, burst: 2, globalPerSecond: 0 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await call('sendMessage', 42);
    const offsets = reached.map((r) => r.at - started);
    expect(offsets[1]!).toBeLessThan(100);
    expect(offsets[2]! - offsets[1]!).toBeGreaterThanOrEqual(120);
    expect(offsets[3]! - offsets[2]!).toBeGreaterThanOrEqual(120);
  });

  it('paces groups more slowly, chats independently, and never delays other methods', async () => {
    const { call, reached } = pacedApi({ chatIntervalMs: 150, groupIntervalMs: 400, burst: 1, globalPerSecond: 0 });
    const started = Date.now();
    await Promise.all([
      call('sendMessage', -100).then(() => call('sendMessage', -100)),
      call('sendMessage', 7),
      call('sendMessage', 8),
      call('sendChatAction', 7).then(() => call('answerCallbackQuery')),
    ]);
    const at = (chat: unknown, method = 'sendMessage') =>
      reached.filter((r) => r.chat === chat && r.method === method).map((r) => r.at - started);
    expect(at(-100)[1]! - at(-100)[0]!).toBeGreaterThanOrEqual(350);
    expect(at(7)[0]!).toBeLessThan(100);
    expect(at(8)[0]!).toBeLessThan(100);
    expect(at(7, 'sendChatAction')[0]!).toBeLessThan(100);
    expect(at(undefined, 'answerCallbackQuery')[0]!).toBeLessThan(100);
  });

  it('keeps all chats together under the global rate', async () => {
    const { call, reached } = pacedApi({ chatIntervalMs: 0, groupIntervalMs: 0, burst: 1, globalPerSecond: 10 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 15 }, (_, i) => call('sendMessage', i + 1)));
    // Ten go at once (a second's worth), the other five 100 ms apart.
    expect(Math.max(...reached.map((r) => r.at - started))).toBeGreaterThanOrEqual(450);
  });
});
