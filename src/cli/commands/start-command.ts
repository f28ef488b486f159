import { startHttpServer } from '../../http/http-server.ts';
import { statusRoutes } from '../../http/status-routes.ts';
import type { Command } from '../command.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'showroom start',
  summary: 'run Showroom: the HTTP server on PORT (status page now; channels as they are built)',
  options: {},
  seedsEmptyCatalog: true,
  longRunning: true,
  async run(ctx) {
    const { config, db, log } = await ctx.runtime();
    const server = await startHttpServer({ ...config.http, routes: statusRoutes(db), log });
    log.info({ url: server.url, database: db.description }, 'showroom started');
    ctx.io.stderr.write(`Showroom is running at ${server.url} (${db.description}). Press Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    ctx.io.stderr.write('Stopping…\n');
    await server.close();
    return 0;
  },
};
