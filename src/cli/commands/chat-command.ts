import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createApp } from '../../app.ts';
import type { OutboundMessage } from '../../conversation/messages.ts';
import { formatMoney } from '../../conversation/product-cards.ts';
import { JSON_OPTION, type Command, type CommandIO } from '../command.ts';

export const chatCommand: Command = {
  name: 'chat',
  usage: 'showroom chat [--user ID] [--channel NAME] [--json]',
  summary: 'a conversation on stdin/stdout: one buyer message per line; "/click <action-id>" presses a button',
  options: { ...JSON_OPTION, user: { type: 'string' }, channel: { type: 'string' } },
  seedsEmptyCatalog: true,
  async run(ctx) {
    const { config, db, search, log } = await ctx.runtime();
    // One local person at a keyboard (or a script): the per-buyer rate limit is for chat platforms.
    const limits = { ...config.limits, messagesPerMinute: Number.MAX_SAFE_INTEGER };
    // The configured planner (PLANNER, OPENAI_*), as `showroom start` would answer.
    const { engine } = await createApp({ db, search, config, log }, { limits });
    const user = typeof ctx.values.user === 'string' ? ctx.values.user : 'local-buyer';
    const channel = typeof ctx.values.channel === 'string' ? ctx.values.channel : 'cli';
    // Each run is a new session of deliveries: line numbers alone would collide with an earlier run's.
    const session = randomBytes(4).toString('hex');
    let line = 0;
    for await (const raw of createInterface({ input: ctx.io.stdin, crlfDelay: Infinity })) {
      const text = raw.trim();
      if (!text) continue;
      line++;
      const click = /^\/click\s+(\S+)$/.exec(text);
      const replies = await engine.handle({
        channel,
        chatId: user,
        userId: user,
        dedupeId: `${session}:${line}`,
        ...(click ? { actionId: click[1] } : { text }),
      });
      const { rows } = await db.query<{ handoff_status: string }>(
        'select handoff_status from conversations where channel = $1 and chat_id = $2 and user_id = $3',
        [channel, user, user],
      );
      const state = { handoff: rows[0]?.handoff_status ?? 'none' };
      if (ctx.json) {
        for (const reply of replies) ctx.io.stdout.write(`${JSON.stringify({ ...reply, state })}\n`);
        ctx.io.stdout.write(`${JSON.stringify({ kind: 'turn_end' })}\n`);
      } else {
        for (const reply of replies) printReply(ctx.io, reply);
        ctx.io.stdout.write('\n');
      }
    }
    return 0;
  },
};

function printReply(io: CommandIO, reply: OutboundMessage): void {
  io.stdout.write(`${reply.text}\n`);
  if (reply.kind === 'products') {
    reply.items.forEach((item, i) => {
      const price =
        item.unit_price_at_quantity === null
          ? ''
          : `${formatMoney(item.unit_price_at_quantity, item.currency)} each at ${item.price_quantity} pcs, `;
      io.stdout.write(`  ${i + 1}. ${item.title} [${item.sku}] ${price}MOQ ${item.moq}\n`);
      if (item.why) io.stdout.write(`     ${item.why}\n`);
    });
  }
  for (const button of reply.buttons ?? []) io.stdout.write(`  [/click ${button.id}] ${button.label}\n`);
}
