import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { CommandIO } from '../cli/command.ts';
import { CONTROL_PATH, RUN_HEADER, type RunFrame, type RunRequest } from './control-protocol.ts';

export type RunHandler = (argv: string[], io: CommandIO) => Promise<number>;

export interface ControlServer {
  host: string;
  port: number;
  /** Set once the database is open; until then requests get 503. */
  setHandler(handler: RunHandler): void;
  close(): Promise<void>;
}

function frameWriter(response: http.ServerResponse, key: 'out' | 'err'): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const frame: RunFrame = key === 'out' ? { out: String(chunk) } : { err: String(chunk) };
      if (response.write(`${JSON.stringify(frame)}\n`)) done();
      else response.once('drain', () => done());
    },
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startControlServer(token: string): Promise<ControlServer> {
  let handler: RunHandler | undefined;
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== CONTROL_PATH) {
      response.writeHead(404).end();
      return;
    }
    if (!tokenMatches(request.headers.authorization, token)) {
      response.writeHead(401).end();
      return;
    }
    if (!handler) {
      response.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    let run: RunRequest;
    try {
      run = JSON.parse(Buffer.from(String(request.headers[RUN_HEADER] ?? ''), 'base64').toString('utf8')) as RunRequest;
      if (!Array.isArray(run.argv) || typeof run.cwd !== 'string') throw new Error('bad request');
    } catch {
      response.writeHead(400).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const stdin = new PassThrough();
    request.pipe(stdin);
    const io: CommandIO = {
      cwd: run.cwd,
      stdin,
      stdout: frameWriter(response, 'out'),
      stderr: frameWriter(response, 'err'),
      stderrIsTTY: Boolean(run.stderrIsTTY),
    };
    const current = handler;
    void (async () => {
      let exit = 1;
      try {
        exit = await current(run.argv, io);
      } catch (error) {
        io.stderr.write(`${(error as Error).message}\n`);
      }
      // Let the frame writers drain before the exit frame closes the response.
      await new Promise((resolve) => setImmediate(resolve));
      response.end(`${JSON.stringify({ exit } satisfies RunFrame)}\n`);
    })();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    setHandler(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
