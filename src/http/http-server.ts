import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';

/**
 * The one HTTP port Showroom exposes (PORT). Routes are added by the parts
 * that need them (status now; web chat, admin API and Slack events later), so
 * a deployment has a single port to open.
 */

export type RouteHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: RouteHandler;
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: Route[];
  log: Logger;
}): Promise<HttpServer> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = options.routes.find((r) => r.path === url.pathname && r.method === request.method);
    if (!route) {
      const known = options.routes.some((r) => r.path === url.pathname);
      sendJson(response, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve(route.handler(request, response, url)).catch((error: unknown) => {
      options.log.error({ err: error, path: url.pathname }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error; see the server log' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${options.port} on ${options.host} is in use: stop the other program or set PORT to a free port`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
