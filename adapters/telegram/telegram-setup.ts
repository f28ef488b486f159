import { Bot, GrammyError, HttpError, type Api, type Transformer } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import type { TelegramAdapterOptions } from './telegram-adapter.ts';
import { loggableError, TelegramAdapterError } from './telegram-errors.ts';
import { TELEGRAM_MESSAGE_LIMIT } from './telegram-text.ts';
import { COMMANDS, TELEGRAM_TEXTS, type AdapterTexts } from './telegram-texts.ts';

/**
 * Getting the bot going: options checked before anything runs, the token
 * tried (getMe), the command menu registered, and the silent runner's
 * failed polls logged.
 */

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

export interface Settings {
  token: string;
  apiRoot: string;
  mode: 'polling' | 'webhook';
  maxMessageChars: number;
  retryAttempts: number;
  retryDelay: number;
  registerCommands: boolean;
}

/** Set-up mistakes stop start-up with what to change. */
export function checkOptions(options: TelegramAdapterOptions): Settings {
  const fail = (message: string) => new TelegramAdapterError('TELEGRAM_OPTIONS', message);
  // The token goes into every request's path.
  if (!/^[^\s/]+$/.test(options.token ?? '')) {
    throw fail('The Telegram bot token is missing or malformed: copy it from @BotFather (/mybots → API Token)');
  }
  const apiRoot = (options.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  if (!URL.canParse(apiRoot) || !/^https?:$/.test(new URL(apiRoot).protocol)) {
    throw fail(
      `The Telegram API root "${apiRoot}" is not an http(s) URL: use https://api.telegram.org or your Bot API server`,
    );
  }
  const mode = options.mode ?? 'polling';
  if (mode === 'webhook') {
    const webhook = options.webhook;
    if (!webhook?.path.startsWith('/')) throw fail('Telegram webhook mode needs a path starting with "/"');
    if (!SECRET_TOKEN.test(webhook.secretToken ?? '')) {
      throw fail('Telegram webhook mode needs a secret token of 1–256 letters, digits, "_" or "-"');
    }
    if (webhook.publicUrl !== undefined && !/^https:\/\//.test(webhook.publicUrl)) {
      throw fail('The Telegram webhook public URL must start with https:// (Telegram calls only HTTPS webhooks)');
    }
  }
  const maxMessageChars = options.maxMessageChars ?? TELEGRAM_MESSAGE_LIMIT;
  if (!Number.isInteger(maxMessageChars) || maxMessageChars < 200 || maxMessageChars > TELEGRAM_MESSAGE_LIMIT) {
    throw fail(`maxMessageChars must be a whole number from 200 to ${TELEGRAM_MESSAGE_LIMIT}`);
  }
  return {
    token: options.token,
    apiRoot,
    mode,
    maxMessageChars,
    retryAttempts: options.retry?.maxAttempts ?? 5,
    retryDelay: options.retry?.maxDelaySeconds ?? 120,
    registerCommands: options.registerCommands ?? true,
  };
}

export async function initBot(bot: Bot, apiRoot: string): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new TelegramAdapterError(
        'TELEGRAM_TOKEN_REJECTED',
        'Telegram rejected the bot token (401 Unauthorized): copy it again from @BotFather (/mybots → API Token)',
      );
    }
    if (error instanceof HttpError || error instanceof GrammyError) {
      throw new TelegramAdapterError(
        'TELEGRAM_UNREACHABLE',
        `Could not reach the Telegram Bot API at ${apiRoot} (${error.message}): check the network or the API root`,
      );
    }
    throw error;
  }
}

/** The command menu: English for every language, then each language's own. A failure only costs the menu. */
export async function registerCommands(api: Api, log: Logger, token: string): Promise<void> {
  const menu = (texts: AdapterTexts) => COMMANDS.map((command) => ({ command, description: texts.commands[command] }));
  try {
    await api.setMyCommands(menu(TELEGRAM_TEXTS.en!));
    for (const [language_code, texts] of Object.entries(TELEGRAM_TEXTS)) {
      await api.setMyCommands(menu(texts), { language_code: language_code as LanguageCode });
    }
  } catch (error) {
    log.warn({ err: loggableError(error, token) }, 'could not register the Telegram command menu');
  }
}

/** The runner polls silently; its failed getUpdates calls are logged here, without the token. */
export function logPollingFailures(log: Logger, token: string): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates' && !result.ok) {
        log.warn({ error_code: result.error_code, description: result.description }, 'Telegram getUpdates failed');
      }
      return result;
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) {
        log.warn({ err: loggableError(error, token) }, 'Telegram getUpdates failed');
      }
      throw error;
    }
  };
}
