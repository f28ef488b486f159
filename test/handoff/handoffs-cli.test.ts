import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { chatEnv, chatOnce, newDataFolder, openDataFolder, type ChatReply } from '../helpers/chat-session.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * A buyer asks for sales in `showroom chat`, answers the questions and
 * confirms; `showroom handoffs` on the same data folder then lists the quote
 * request, as text, JSON with the transcript, and CSV safe for spreadsheets.
 */

const buttonId = (reply: ChatReply | undefined, label: string) => {
  const found = reply?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no "${label}" button in ${JSON.stringify(reply)}`);
  return found.id;
};

describe('showroom handoffs', () => {
  it('lists the quote request a chat confirmed, with its transcript in --json and neutralised cells in --csv', async () => {
    const dataDir = await newDataFolder();
    let sku = '';
    await chatOnce(dataDir, { user: 'ana' }, async (chat) => {
      await chat.send("I'm Ana from Bella Boutique");
      const [results] = await chat.send('black evening dresses, 100 pcs');
      expect(results!.kind).toBe('products');
      sku = (results as ChatReply & { items: Array<{ sku: string }> }).items[0]!.sku;
      await chat.send('add the first one');
      const [asked] = await chat.send('talk to sales');
      expect(asked!.text).toMatch(/Which country should the goods be shipped to\?\nBy when do you need them/);
      expect(asked!.state.handoff).toBe('open');
      const [summary] = await chat.send('ship to Spain in 8 weeks');
      expect(summary!.text).toMatch(/Ship to: Spain/);
      const [sent] = await chat.click(buttonId(summary, 'Confirm'));
      expect(sent!.text).toMatch(/your quote request is with our sales team/);
      expect(sent!.state.handoff).toBe('queued');
    });

    const env = chatEnv(dataDir);
    const listed = await runCli(['handoffs', '--json'], { env });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const { handoffs } = JSON.parse(listed.stdout);
    expect(handoffs).toHaveLength(1);
    const [handoff] = handoffs;
    expect(handoff).toMatchObject({
      status: 'queued',
      outcome: null,
      buyer: { name: 'Ana', company: 'Bella Boutique' },
      channel: 'cli',
      user_id: 'ana',
      language: 'en',
      items: [{ sku, quantity: 100, title: expect.any(String) }],
      destination: { country: 'ES', name: 'Spain' },
      target_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      claimed_at: null,
      closed_at: null,
    });
    expect(Date.parse(handoff.confirmed_at)).toBeGreaterThanOrEqual(Date.parse(handoff.created_at));
    expect(handoff.summary).toMatch(/^Buyer: Ana, Bella Boutique/);
    const buyerLines = handoff.transcript.filter((line: { direction: string }) => line.direction === 'in');
    expect(buyerLines.map((line: { text: string }) => line.text)).toContain('talk to sales');

    expect((await runCli(['handoffs', '--status', 'closed', '--json'], { env })).stdout).toMatch(/"handoffs": \[\]/);
    const stats = JSON.parse((await runCli(['stats', '--json'], { env })).stdout);
    expect(stats.handoffs).toEqual({ total: 1, by_status: { queued: 1 } });
    expect(stats.conversations.total).toBe(1);
    expect(stats.conversations.buyer_messages).toBe(buyerLines.length);
    const text = await runCli(['handoffs'], { env });
    expect(text.stdout).toMatch(
      new RegExp(`#1 queued, created .*\\n  buyer: Ana, Bella Boutique; cli, en\\n  items: 100 × ${sku}`),
    );
    const bad = await runCli(['handoffs', '--status', 'lost'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status must be one of requested, confirmed, queued, claimed, closed/);

    // A rep's note (a later phase writes it) is text anyone can type: it must not run in a spreadsheet.
    const db = await openDataFolder(dataDir);
    try {
      await db.query(`update handoffs set note = '=HYPERLINK("http://evil.example","open")'`);
    } finally {
      await db.close();
    }
    const csv = await runCli(['handoffs', '--csv'], { env });
    expect(csv.code).toBe(0);
    const [row] = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(row!.note).toBe(`'=HYPERLINK("http://evil.example","open")`);
    expect(row!.items).toMatch(new RegExp(`^100 × ${sku} `));
    expect(row!.status).toBe('queued');
  });
});

describe('HANDOFF_OFFER_QUANTITY', () => {
  it('sets the quantity above which the bot offers a sales rep', async () => {
    const offer = /For an order this size, one of our sales reps can check capacity/;
    const dataDir = await newDataFolder();
    await chatOnce(dataDir, { user: 'default' }, async (chat) => {
      const replies = await chat.send('black evening dresses, 100 pcs');
      expect(replies.some((reply) => offer.test(reply.text))).toBe(false);
    });
    await chatOnce(dataDir, { user: 'low-threshold', env: { HANDOFF_OFFER_QUANTITY: '50' } }, async (chat) => {
      const replies = await chat.send('black evening dresses, 100 pcs');
      expect(replies[0]!.kind).toBe('products');
      expect(replies.filter((reply) => offer.test(reply.text))).toHaveLength(1);
    });
  });
});
