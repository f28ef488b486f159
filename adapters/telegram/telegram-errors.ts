import { GrammyError, HttpError } from 'grammy';

/**
 * The adapter's one error class (set-up mistakes, a refused token, an
 * unreachable Bot API), with a string code and a message that says what to
 * do; and the one way its failures reach the log.
 */
export class TelegramAdapterError extends Error {
  override name = 'TelegramAdapterError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * An error as the log may show it. The bot token is part of every Bot API
 * and file URL, and a network error's cause carries the URL, so causes are
 * left out and the token is blotted out of whatever is kept.
 */
export function loggableError(error: unknown, token: string): Record<string, unknown> {
  const redact = (text: string | undefined) => (text && token ? text.split(token).join('<token>') : text);
  if (error instanceof GrammyError) {
    return { type: error.name, method: error.method, error_code: error.error_code, description: error.description };
  }
  if (error instanceof HttpError) return { type: error.name, message: redact(error.message) };
  if (error instanceof Error) return { type: error.name, message: redact(error.message), stack: redact(error.stack) };
  return { type: typeof error, message: redact(String(error)) };
}
