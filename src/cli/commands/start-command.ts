import { startHttpServer } from '../../http/http-server.ts';
import { createApp } from '../../app.ts';
import type { Command } from '../command.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'showroom start',
  summary: 'run Showroom: the web chat and status page on PORT (Telegram and Slack as they are built)',
  options: {},
  seedsEmptyCatalog: true,
  longRunning: true,
  async run(ctx) {
    const runtime = await ctx.runtime();
    const { config, db, log } = runtime;
    const app = await createApp(runtime, { limits: config.limits });
    const server = await startHttpServer({ ...config.http, routes: app.routes, log });
    log.info({ url: server.url, database: db.description }, 'showroom started');
    ctx.io.stderr.write(
      `Showroom is running at ${server.url} (web chat; status at ${server.url}/status; ${db.description}). Press Ctrl+C to stop.
`,
    );
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
