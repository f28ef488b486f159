import { readFile } from 'node:fs/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackAdapterError } from '../../adapters/slack/slack-adapter.ts';
import type { ChannelContext } from '../../src/channels/channel-adapter.ts';
import type { Database } from '../../src/db/database.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.ts';

/** Set-up mistakes say what to do; the manifest asks for what the adapter uses, no more. */

let api: FakeSlackApi;
beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(() => api.close());

const ctx: ChannelContext = {
  engine: {
    handle: async () => [],
    receive: async () => ({ replies: [], duplicate: false }),
  },
  db: {} as Database,
  log: pino({ level: 'silent' }),
};

describe('creating the Slack adapter', () => {
  it('serves events and interactivity on one POST route, /slack/events by default', () => {
    const adapter = createSlackAdapter({ botToken: 'xoxb-1', signingSecret: 's', apiUrl: api.url }, ctx);
    expect(adapter.channel).toBe('slack');
    expect(adapter.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
    const custom = createSlackAdapter({ botToken: 'xoxb-1', signingSecret: 's', path: '/hooks/slack' }, ctx);
    expect(custom.routes.map((r) => r.path)).toEqual(['/hooks/slack']);
  });

  it('asks for an app-level token in Socket Mode, and serves no route there', () => {
    const make = () => createSlackAdapter({ botToken: 'xoxb-1', mode: 'socket' }, ctx);
    expect(make).toThrow(SlackAdapterError);
    expect(make).toThrow(/SLACK_APP_TOKEN=xapp-/);
    const socket = createSlackAdapter({ botToken: 'xoxb-1', mode: 'socket', appToken: 'xapp-1' }, ctx);
    expect(socket.routes).toEqual([]);
  });

  it('asks for the signing secret in HTTP mode', () => {
    expect(() => createSlackAdapter({ botToken: 'xoxb-1' }, ctx)).toThrow(/set SLACK_SIGNING_SECRET/);
  });

  it('refuses to start with a token Slack rejects, naming the variable to fix', async () => {
    api.failNext('auth.test', 'invalid_auth');
    const adapter = createSlackAdapter({ botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: api.url }, ctx);
    const error = await adapter.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlackAdapterError);
    expect(error).toMatchObject({ code: 'SLACK_AUTH_FAILED' });
    expect((error as Error).message).toMatch(/invalid_auth.*SLACK_BOT_TOKEN/);
    await adapter.stop();
  });

  it('says when it cannot reach Slack, naming SLACK_API_URL', async () => {
    const gone = await startFakeSlackApi();
    await gone.close();
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-1', signingSecret: 's', apiUrl: gone.url, retryConfig: { retries: 0 } },
      ctx,
    );
    await expect(adapter.start()).rejects.toMatchObject({
      code: 'SLACK_UNREACHABLE',
      message: expect.stringMatching(
        /Could not reach Slack's Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ .*SLACK_API_URL/,
      ),
    });
  });
});

describe('the app manifest', () => {
  it('subscribes to the events the adapter answers and sends them to its path', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8'));
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR_HOST/slack/events',
    });
    // chat:write to answer; *:history to receive messages and read a thread's replies; app_mentions:read for
    // mentions; users:read for the names reps are shown to buyers by; files:read and files:write to pass photos and
    // files between buyer and rep.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'files:read',
      'files:write',
      'groups:history',
      'im:history',
      'users:read',
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
