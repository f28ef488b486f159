import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, startServer, tempDir, type RunningServer } from '../helpers/cli.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { SIGNING_SECRET, dm, slackHeaders } from './slack-harness.ts';

/** `showroom start` with Slack credentials serves Slack on the same port as the web chat. */
describe('showroom start with Slack configured', () => {
  let slack: FakeSlackApi;
  let server: RunningServer;
  beforeAll(async () => {
    slack = await startFakeSlackApi();
    const env = cliEnv(path.join(await tempDir(), 'data'), {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    });
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a signed DM at /slack/events through the fake Web API, and refuses a forged one', async () => {
    const event = (id: string, text: string) =>
      JSON.stringify({ type: 'event_callback', event_id: id, team_id: 'T0TEST', event: dm(text) });
    const forged = event('Ev-forged', 'white maxi dresses');
    expect((await post(forged, slackHeaders(forged, { secret: 'not-the-secret' }))).status).toBe(401);

    const body = event('Ev-start-1', 'white maxi dresses');
    expect((await post(body, slackHeaders(body))).status).toBe(200);
    const [reply] = await slack.waitForPosts(1, 60_000);
    expect(reply!.channel).toBe('D0BUYER');
    expect(reply!.text).toMatch(/white/i);
    expect(slack.posts()).toHaveLength(1); // nothing from the forged request
  });

  it('refuses to start when Slack rejects the token, naming the variable to fix', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const env = cliEnv(path.join(await tempDir(), 'data'), {
      SLACK_BOT_TOKEN: 'xoxb-wrong-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    });
    const result = await runCli(['start'], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack
  });
});
