import { createHmac } from 'node:crypto';
import { FAKE_BOT, type StoredMessage } from './fake-slack-api.ts';

/**
 * Requests as Slack sends them to an app's Request URL: Events API callbacks
 * and block_actions payloads, signed with the app's signing secret
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a';

export interface SignedRequestOptions {
  secret?: string;
  /** seconds since the epoch; defaults to now */
  timestamp?: number;
  retryNum?: number;
}

export interface Delivered {
  status: number;
  body: string;
  ms: number;
  eventId?: string;
}

let counter = 0;
/** A message timestamp Slack could have given: unique, increasing. */
export const nextTs = () => `${1_800_000_000 + ++counter}.${String(counter).padStart(6, '0')}`;

export function slackHeaders(body: string, options: SignedRequestOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
    ...(options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'timeout' } : {}),
  };
}

export async function signedPost(
  url: string,
  body: string,
  contentType: string,
  signing: SignedRequestOptions = {},
): Promise<Delivered> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackHeaders(body, signing) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

/** An Events API callback around `event`. */
export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    api_app_id: 'A0SHOWROOM',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true }],
  });
}

/** The form body of a press on the button with this value on a message the bot posted. */
export function blockActionsBody(message: StoredMessage, buttonId: string, user: string): string {
  const button = (message.blocks ?? [])
    .flatMap((block) => (block.type === 'actions' ? (block.elements as Array<{ value?: string }>) : []))
    .find((element) => element.value === buttonId);
  if (!button) throw new Error(`no button ${buttonId} on message ${message.ts}`);
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'ana', name: 'ana', team_id: FAKE_BOT.teamId },
    api_app_id: 'A0SHOWROOM',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    trigger_id: `${counter}.1.abc`,
    team: { id: FAKE_BOT.teamId, domain: 'showroom-test' },
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ...message },
    response_url: 'https://hooks.slack.invalid/actions/T0TEST/1/abc',
    actions: [{ ...button, block_id: 'b1', action_ts: nextTs() }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
