import type { IncomingMessage } from 'node:http';
import type { ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage } from '../../src/conversation/messages.ts';
import type { PushedMessage } from '../../src/handoff/pushed-messages.ts';
import { sendJson, type Route } from '../../src/http/http-server.ts';
import { WEB_CHAT_PAGE } from './web-chat-page.ts';

/**
 * The local web chat: a page at `/` and `POST /api/chat`, which turns the
 * browser's JSON into an InboundMessage for the engine and answers with its
 * replies. A browser cannot be pushed to, so what a sales rep (or the desk)
 * says to a web buyer is asked for: `GET /api/chat/updates?user=…&after=…`,
 * which the page polls. Transport only: what to say is the engine's business.
 */

export interface WebChatOptions {
  engine: ConversationEngine;
  /** longest accepted message, in characters */
  maxMessageChars?: number;
  /** what the desk and the rep sent this web buyer after transcript id `after` */
  pushed?: (chatId: string, after: number) => Promise<PushedMessage[]>;
}

const ID = /^[A-Za-z0-9_-]{8,64}$/;

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function webChatRoutes(options: WebChatOptions): Route[] {
  const maxChars = options.maxMessageChars ?? 2000;
  return [
    {
      method: 'GET',
      path: '/',
      handler(_request, response) {
        response
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy':
              "default-src 'self'; img-src https: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
          })
          .end(WEB_CHAT_PAGE);
      },
    },
    {
      method: 'POST',
      path: '/api/chat',
      async handler(request, response) {
        let body: { user?: unknown; id?: unknown; text?: unknown; actionId?: unknown };
        try {
          body = JSON.parse(await readBody(request, maxChars * 4 + 1024));
        } catch {
          sendJson(response, 400, {
            error: `Send JSON {"user", "id", "text" or "actionId"} of at most ${maxChars} characters.`,
          });
          return;
        }
        const text = typeof body.text === 'string' ? body.text : undefined;
        const actionId = typeof body.actionId === 'string' ? body.actionId : undefined;
        if (typeof body.user !== 'string' || !ID.test(body.user) || typeof body.id !== 'string' || !ID.test(body.id)) {
          sendJson(response, 400, { error: 'user and id must be 8–64 letters, digits, _ or -' });
          return;
        }
        if ((text === undefined) === (actionId === undefined) || (text !== undefined && text.trim() === '')) {
          sendJson(response, 400, { error: 'send either text or actionId' });
          return;
        }
        if (text !== undefined && text.length > maxChars) {
          sendJson(response, 413, {
            error: `Messages are limited to ${maxChars} characters; please send a shorter one.`,
          });
          return;
        }
        const inbound: InboundMessage = {
          channel: 'web',
          chatId: body.user,
          userId: body.user,
          dedupeId: body.id,
          ...(text !== undefined ? { text } : { actionId: actionId! }),
        };
        sendJson(response, 200, { replies: await options.engine.handle(inbound) });
      },
    },
    {
      method: 'GET',
      path: '/api/chat/updates',
      async handler(_request, response, url) {
        const query = url.searchParams;
        const user = query.get('user') ?? '';
        const after = Number(query.get('after') ?? '0');
        if (!ID.test(user) || !Number.isSafeInteger(after) || after < 0) {
          sendJson(response, 400, {
            error: 'user must be 8–64 letters, digits, _ or -, and after a message id (0 at first)',
          });
          return;
        }
        const messages = options.pushed ? await options.pushed(user, after) : [];
        sendJson(response, 200, { messages, after: messages.at(-1)?.id ?? after });
      },
    },
  ];
}
