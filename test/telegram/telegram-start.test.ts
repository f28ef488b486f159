import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, startServer, tempDir, type RunningServer } from '../helpers/cli.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../helpers/telegram-emulator.ts';

/** `showroom start` with a Telegram token polls the configured Bot API server and answers buyers. */
describe('showroom start with Telegram configured', () => {
  let emulator: TelegramEmulator;
  let server: RunningServer;
  beforeAll(async () => {
    emulator = await startTelegramEmulator();
    const env = cliEnv(path.join(await tempDir(), 'data'), {
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
    });
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it('answers a private message with product cards, through long polling', async () => {
    const buyer = { id: 5001, first_name: 'Ana', language_code: 'es' };
    const chat = { id: 5001, type: 'private' as const };
    emulator.say(buyer, chat, 'vestidos blancos largos, 100 piezas');
    const deadline = Date.now() + 60_000;
    while (emulator.sentTo(chat.id).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const sent = emulator.sentTo(chat.id);
    expect(sent.length).toBeGreaterThan(1);
    expect(String(sent[0]!.payload.text)).toMatch(/Esto es lo que encontré/);
    expect(sent.some((call) => call.method === 'sendPhoto')).toBe(true);
    expect(emulator.calls.some((call) => call.method === 'setMyCommands')).toBe(true);
  });

  it('refuses webhook mode without a secret, naming the variable', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'), {
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_MODE: 'webhook',
    });
    const result = await runCli(['start'], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook/);
  });
});
