import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: real HTTP, no network, no key.
 * Embeddings are deterministic (hashed character trigrams), and failures can
 * be scripted per request: `failures` is consumed one status per request.
 *
 * Chat completions are scripted: `chat` is a queue of steps (a text answer,
 * tool calls, an HTTP error with retry-after, a refusal, any of them late),
 * and `respond` answers when the queue is empty (a scripted "model" that
 * reads the request). Usage figures are counted from the request's bytes
 * (4 per token) and reported like the real API. Photos put in `files` are
 * served at `${origin}/files/<name>`.
 */

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters: unknown } }>;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

export type ChatStep = (
  | { content: string }
  | { toolCalls: Array<{ name: string; arguments: unknown }> }
  | { status: number; retryAfter?: string }
  | { refusal: string }
) & {
  /** answer this late (a timeout test) */
  delayMs?: number;
};

export interface FakeChatCall {
  request: ChatRequest;
  promptTokens: number;
  completionTokens: number;
  status: number;
}

export interface FakeOpenAI {
  baseUrl: string;
  requests: Array<{ path: string; body: unknown }>;
  /** statuses to answer the next requests with, before answering normally */
  failures: number[];
  /** answer with this many dimensions whatever was asked (a server that ignores `dimensions`) */
  forceDimensions?: number;
  /** scripted chat steps, consumed one per chat request */
  chat: ChatStep[];
  /** answers chat requests once `chat` is empty; without it the fake answers "ok" */
  respond?: (request: ChatRequest) => ChatStep;
  /** every chat completion request, with the usage reported for it */
  chatCalls: FakeChatCall[];
  /** name → photo served at /files/<name> */
  files: Map<string, { bytes: Buffer; mimeType: string }>;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/** Tokens as this fake counts them: 4 bytes of JSON a token, an image 765. */
export function fakeTokens(value: unknown): number {
  const json = JSON.stringify(value ?? '').replace(/data:image\/[^"]+/g, 'x'.repeat(765 * 4));
  return Math.ceil(Buffer.byteLength(json, 'utf8') / 4);
}

function chatResponse(request: ChatRequest, step: ChatStep, promptTokens: number) {
  const message: Record<string, unknown> = { role: 'assistant', content: null };
  let finish = 'stop';
  if ('content' in step) message.content = step.content;
  if ('refusal' in step) message.refusal = step.refusal;
  if ('toolCalls' in step) {
    finish = 'tool_calls';
    message.tool_calls = step.toolCalls.map((call, i) => ({
      id: `call_${Date.now().toString(36)}_${i}`,
      type: 'function',
      function: {
        name: call.name,
        arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
      },
    }));
  }
  const completionTokens = fakeTokens([message.content, message.tool_calls ?? null]);
  return {
    completionTokens,
    body: {
      id: `chatcmpl-${Date.now().toString(36)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    },
  };
}

export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const padded = `  ${text.toLowerCase()}  `;
  for (let i = 0; i < padded.length - 2; i++) {
    let h = 2166136261;
    for (const ch of padded.slice(i, i + 3)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    vector[(h >>> 0) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const state: FakeOpenAI = {
    baseUrl: '',
    origin: '',
    requests: [],
    failures: [],
    chat: [],
    chatCalls: [],
    files: new Map(),
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', async () => {
      const file =
        request.method === 'GET' && request.url?.startsWith('/files/') && state.files.get(request.url.slice(7));
      if (file) {
        response.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length }).end(file.bytes);
        return;
      }
      const body = raw ? JSON.parse(raw) : undefined;
      state.requests.push({ path: request.url ?? '', body });
      const failure = state.failures.shift();
      if (failure) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure === 429) headers['retry-after'] = '0';
        response
          .writeHead(failure, headers)
          .end(JSON.stringify({ error: { message: `scripted ${failure}`, type: 'test' } }));
        return;
      }
      if (request.url?.endsWith('/chat/completions')) {
        const chat = body as ChatRequest;
        const promptTokens = fakeTokens([chat.messages, chat.tools ?? null]);
        const step = state.chat.shift() ?? state.respond?.(chat) ?? { content: 'ok' };
        // Recorded on arrival: a late answer must not land in the next test's list.
        const call: FakeChatCall = { request: chat, promptTokens, completionTokens: 0, status: 200 };
        state.chatCalls.push(call);
        if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
        if ('status' in step) {
          call.status = step.status;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
          response
            .writeHead(step.status, headers)
            .end(JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'test' } }));
          return;
        }
        const answer = chatResponse(chat, step, promptTokens);
        call.completionTokens = answer.completionTokens;
        if (!response.destroyed)
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        return;
      }
      if (request.url?.endsWith('/embeddings')) {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        const dimensions = state.forceDimensions ?? body.dimensions ?? 1536;
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            object: 'list',
            model: body.model,
            data: inputs.map((input, index) => {
              const vector = fakeEmbedding(String(input), dimensions);
              // Like the real API: base64 of little-endian float32 when asked (the openai SDK asks by default).
              const embedding =
                body.encoding_format === 'base64'
                  ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
                  : vector;
              return { object: 'embedding', index, embedding };
            }),
            usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
          }),
        );
        return;
      }
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not faked' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.baseUrl = `${state.origin}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      // Delayed answers the client gave up on must not keep the server open.
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
