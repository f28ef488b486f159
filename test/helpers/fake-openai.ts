import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: real HTTP, no network, no key.
 * Embeddings are deterministic (hashed character trigrams), and failures can
 * be scripted per request: `failures` is consumed one status per request.
 */

export interface FakeOpenAI {
  baseUrl: string;
  requests: Array<{ path: string; body: unknown }>;
  /** statuses to answer the next requests with, before answering normally */
  failures: number[];
  /** answer with this many dimensions whatever was asked (a server that ignores `dimensions`) */
  forceDimensions?: number;
  close(): Promise<void>;
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
  const state: FakeOpenAI = { baseUrl: '', requests: [], failures: [], close: async () => {} };
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
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
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
