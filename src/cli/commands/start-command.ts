import { ShowroomError, errorMessage } from '../../errors.ts';
import { startHttpServer } from '../../http/http-server.ts';
import { createApp } from '../../app.ts';
import { warmPageCache } from '../../db/warm-cache.ts';
import { SEARCH_READS } from '../../search/search-table.ts';
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
    const app = await createApp(runtime, { limits: config.limits, channels: { config, log } });
    const server = await startHttpServer({ ...config.http, routes: app.routes, log });
    for (const channel of app.channels) {
      try {
        await channel.start();
      } catch (error) {
        await server.close();
        // Adapters say what to set; the person sees that sentence, not a stack.
        const code = (error as { code?: unknown }).code;
        throw new ShowroomError(typeof code === 'string' ? code : 'CHANNEL_START_FAILED', errorMessage(error), {
          cause: error,
        });
      }
    }
    // Hand-off cards, rep messages, notices and SLA timers: delivered once the platforms are up.
    app.outbox?.start();
    if (!config.sales.destinations.length) {
      log.warn(
        'no sales destination: hand-offs wait in `showroom handoffs`; set SALES_SLACK_CHANNEL or SALES_TELEGRAM_CHAT to post them to reps',
      );
    }
    log.info({ url: server.url, database: db.description }, 'showroom started');
    // Embedded PGlite only: the search tables into the page cache, so the first buyers wait no longer than later ones.
    const warming = new AbortController();
    const warmed = warmPageCache(db, SEARCH_READS, { signal: warming.signal }).then(
      (result) => {
        if (result) {
          const { pages, ms, stopped } = result;
          log.info(
            { mib: Math.round(pages / 128), ms: Math.round(ms), ...(stopped ? { stopped } : {}) },
            'page cache warmed',
          );
        }
      },
      (error: unknown) =>
        log.warn({ err: error }, 'could not warm the page cache: searches read from disk until it fills'),
    );
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
    warming.abort();
    await warmed;
    // The worker and channels first: they finish what is in flight, which needs the database.
    await app.outbox?.stop();
    for (const channel of app.channels) await channel.stop();
    await server.close();
    return 0;
  },
};
