import { describe, expect, it } from 'vitest';
import { plainTextFromSlack } from '../../adapters/slack/mrkdwn.ts';
import { fromBlockAction, fromEvent, type SlackMessageEvent } from '../../adapters/slack/slack-inbound.ts';

const bot = { userId: 'U0BOT', botId: 'B0BOT' };
const event = (fields: Partial<SlackMessageEvent>): SlackMessageEvent => ({
  type: 'message',
  channel: 'D1',
  channel_type: 'im',
  user: 'U1',
  text: 'red dresses',
  ts: '100.000001',
  ...fields,
});

describe('which Slack messages the bot answers, and where', () => {
  it('answers every direct message, in its thread only when the buyer wrote in one', () => {
    expect(fromEvent(event({}), 'Ev1', bot)).toEqual({
      inbound: { channel: 'slack', chatId: 'D1', userId: 'U1', dedupeId: 'Ev1', text: 'red dresses' },
      replyTo: { channel: 'D1' },
    });
    expect(fromEvent(event({ thread_ts: '99.000001' }), 'Ev2', bot)?.replyTo).toEqual({
      channel: 'D1',
      threadTs: '99.000001',
    });
  });

  it('answers a mention in the thread it starts, with the mention taken out', () => {
    const mention = event({
      type: 'app_mention',
      channel: 'C1',
      channel_type: undefined,
      text: '<@U0BOT> red dresses',
    });
    expect(fromEvent(mention, 'Ev3', bot)).toMatchObject({
      inbound: { text: 'red dresses', chatId: 'C1' },
      replyTo: { channel: 'C1', threadTs: '100.000001' },
    });
    // The copy Slack sends as message.channels is left to the app_mention.
    expect(fromEvent(event({ channel: 'C1', channel_type: 'channel', text: '<@U0BOT> red' }), 'Ev4', bot)).toBe(
      undefined,
    );
  });

  it('in channels, answers thread replies only after checking the bot is in the thread', () => {
    const root = event({ channel: 'C1', channel_type: 'channel' });
    expect(fromEvent(root, 'Ev5', bot)).toBeUndefined();
    const reply = event({ channel: 'G1', channel_type: 'group', thread_ts: '90.000001' });
    expect(fromEvent(reply, 'Ev6', bot)).toMatchObject({
      needsThreadCheck: true,
      replyTo: { channel: 'G1', threadTs: '90.000001' },
    });
    expect(fromEvent(event({ channel_type: 'mpim' }), 'Ev7', bot)).toBeUndefined();
  });

  it('ignores bots, itself, edits, joins and empty messages', () => {
    for (const ignored of [
      event({ bot_id: 'B2' }),
      event({ subtype: 'bot_message', user: undefined, bot_id: 'B2' }),
      event({ user: 'U0BOT' }),
      event({ subtype: 'message_changed' }),
      event({ subtype: 'message_deleted' }),
      event({ subtype: 'channel_join' }),
      event({ text: '   ' }),
      event({ type: 'app_mention', text: '<@U0BOT>' }),
    ]) {
      expect(fromEvent(ignored, 'Ev', bot)).toBeUndefined();
    }
    expect(fromEvent(event({ subtype: 'thread_broadcast' }), 'Ev', bot)).toBeDefined();
  });

  it('reads what the buyer typed out of Slack markup', () => {
    expect(plainTextFromSlack('a &lt;b&gt; &amp; c')).toBe('a <b> & c');
    expect(plainTextFromSlack('see <https://shop.example/x|my shop> and <https://a.example>')).toBe(
      'see my shop and https://a.example',
    );
    expect(plainTextFromSlack('<@U9|ana> in <#C9|buyers> <!here>')).toBe('@ana in #buyers @here');
  });
});

describe('button presses', () => {
  const press = {
    type: 'block_actions' as const,
    user: { id: 'U1', name: 'ana' },
    channel: { id: 'C1' },
    container: { channel_id: 'C1', message_ts: '200.000002', thread_ts: '100.000001' },
    message: { ts: '200.000002', thread_ts: '100.000001' },
    actions: [{ value: 'k3Yp_x', action_ts: '201.123456', action_id: 'showroom_0_k3Yp_x' }],
  };

  it('carries the short id, is unique per press, and answers in the thread of the button', () => {
    expect(fromBlockAction(press)).toEqual({
      inbound: {
        channel: 'slack',
        chatId: 'C1',
        userId: 'U1',
        dedupeId: 'action:200.000002:201.123456',
        actionId: 'k3Yp_x',
        userName: 'ana',
      },
      replyTo: { channel: 'C1', threadTs: '100.000001' },
    });
  });

  it('answers a button in an unthreaded DM message without a thread', () => {
    const dm = { ...press, channel: { id: 'D1' }, container: { message_ts: '5.1' }, message: { ts: '5.1' } };
    expect(fromBlockAction(dm)?.replyTo).toEqual({ channel: 'D1' });
  });
});
