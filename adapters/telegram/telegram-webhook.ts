import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Update } from 'grammy/types';
import { sendJson, type Route } from '../../src/http/http-server.ts';

/**
 * The webhook: Telegram POSTs each update to this path on the shared HTTP
 * port with the secret given to setWebhook in X-Telegram-Bot-Api-Secret-Token.
 * A request without the right secret is refused (401) and never read further.
 * A good one is answered at once and handled afterwards: Telegram re-sends an
 * update whose request is slow, and the engine's reply can take seconds.
 */

export interface WebhookRouteOptions {
  path: string;
  secretToken: string;
  /** takes the update; must not throw (the adapter handles and logs its own failures) */
  accept(update: Update): void;
  /** false while the adapter is not started or is stopping: the update is refused, so Telegram delivers it again */
  ready(): boolean;
}

/** Updates are small (a message is at most 4096 characters); anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

export function telegramWebhookRoute(options: WebhookRouteOptions): Route {
  const secret = Buffer.from(options.secretToken, 'utf8');
  return {
    method: 'POST',
    path: options.path,
    async handler(request, response) {
      const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''), 'utf8');
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        sendJson(response, 401, { error: 'wrong or missing X-Telegram-Bot-Api-Secret-Token' });
        request.resume();
        return;
      }
      if (!options.ready()) {
        sendJson(response, 503, { error: 'not ready; Telegram will retry' });
        request.resume();
        return;
      }
      let update: Update;
      try {
        update = JSON.parse(await readBody(request));
      } catch (error) {
        const tooLarge = error instanceof BodyTooLarge;
        sendJson(response, tooLarge ? 413 : 400, { error: tooLarge ? 'update too large' : 'body is not JSON' });
        return;
      }
      if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) {
        sendJson(response, 400, { error: 'not a Telegram update: update_id is missing' });
        return;
      }
      sendJson(response, 200, { ok: true });
      options.accept(update);
    },
  };
}

class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/** Reads the whole body even when it is too large, so the 413 reaches the sender over a live connection. */
async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString('utf8');
}
