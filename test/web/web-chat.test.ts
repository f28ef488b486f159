import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Messenger } from '../../src/channels/channel-adapter.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listHandoffs } from '../../src/handoff/handoff-repository.ts';
import { createOutboxWorker, type OutboxWorker } from '../../src/handoff/outbox.ts';
import { createSalesDesk, type SalesDesk } from '../../src/handoff/sales-desk.ts';
import { parseWorkingHours } from '../../src/handoff/working-hours.ts';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logger.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

// Debian's chromium (.ci/run installs it); the browser test is skipped, and says so, where it is missing.
const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('the web chat in headless Chromium', () => {
  let catalog: EvalCatalog;
  let server: HttpServer;
  let browser: Browser;
  let page: Page;
  let desk: SalesDesk;
  let worker: OutboxWorker;
  // The rep's side is a recording Slack messenger: the desk's own tests cover the platforms.
  const slackPosts: Array<{ chatId: string; threadId?: string; messageId: string; text: string }> = [];
  const slack: Messenger = {
    async post(to, message) {
      slackPosts.push({ ...to, messageId: String(slackPosts.length + 1), text: message.text });
      return { messageId: String(slackPosts.length) };
    },
    async edit() {},
  };
  beforeAll(async () => {
    catalog = await openSeedCatalog();
    await migrate(catalog.db);
    desk = await createSalesDesk({
      db: catalog.db,
      settings: {
        destinations: [{ platform: 'slack', chatId: 'C0SALES' }],
        hours: parseWorkingHours('24/7', 'Asia/Shanghai'),
        remindAfterMinutes: 15,
        escalateAfterMinutes: 60,
      },
    });
    worker = createOutboxWorker({ db: catalog.db, handlers: desk.handlers({ slack }) });
    const app = await createApp({
      db: catalog.db,
      search: { ...catalog, catalogSearch: createCatalogSearch(catalog.db, catalog) },
    });
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: app.routes,
      log: createLogger({ logLevel: 'silent' }),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    // No test touches the internet: placeholder product images are answered locally.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await catalog?.close();
  });

  it('sends a request, shows product cards, opens details and adds to the shortlist', async () => {
    await page.goto(server.url);
    await page.fill('#text', 'need 300 red chiffon maxi dresses');
    await page.press('#text', 'Enter');
    const cards = page.locator('.msg.bot[data-kind="products"] .card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(1);
    const firstSku = await cards.first().getAttribute('data-sku');
    await expect.poll(() => cards.first().locator('.price').textContent()).toMatch(/× 300/);

    await page.getByRole('button', { name: '1. Details' }).first().click();
    await page.locator('.msg.bot[data-kind="products"]').nth(1).waitFor();
    expect(await page.locator('.msg.bot').nth(1).textContent()).toMatch(/Price tiers/);

    await page.getByRole('button', { name: 'Bundle' }).last().click();
    const bundle = page.locator('.msg.bot[data-kind="bundle"]');
    await bundle.waitFor();
    expect(await bundle.locator('.card').count()).toBeGreaterThan(2);
    expect(await bundle.locator('.card').first().getAttribute('data-sku')).toBe(firstSku);

    await page.getByRole('button', { name: 'Add to quote', exact: true }).last().click();
    await page.getByRole('button', { name: 'My shortlist' }).last().click();
    const shortlist = page.locator('.msg.bot[data-kind="shortlist"]');
    await shortlist.waitFor();
    expect(await shortlist.locator('.card').getAttribute('data-sku')).toBe(firstSku);
  });

  it('shows Arabic replies right to left', async () => {
    await page.goto(server.url);
    await page.fill('#text', 'فستان سهرة أسود');
    await page.press('#text', 'Enter');
    const reply = page.locator('.msg.bot').last();
    await reply.waitFor();
    expect(await reply.getAttribute('dir')).toBe('rtl');
  });

  it('shows a web buyer what the sales rep writes, while the bot stays silent', async () => {
    const buyer = await browser.newPage(); // a new browser profile: a new buyer
    await buyer.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204 }));
    await buyer.goto(server.url);
    const bot = buyer.locator('.msg.bot');
    for (const text of [
      "I'm Maria from Bella Boutique",
      'black evening dresses, 100 pcs',
      'add the first one',
      'talk to sales',
      'ship to Spain in 8 weeks',
    ]) {
      const before = await bot.count();
      await buyer.fill('#text', text);
      await buyer.press('#text', 'Enter');
      await expect.poll(() => bot.count()).toBeGreaterThan(before);
    }
    await buyer.getByRole('button', { name: 'Confirm' }).last().click();
    await expect.poll(() => bot.last().textContent()).toMatch(/quote request is with our sales team/);
    await worker.runOnce(); // the card, the timers and the buyer's queue notice
    await worker.runOnce();
    const [handoff] = await listHandoffs(catalog.db);
    const card = slackPosts.find((post) => post.text.includes(`#${handoff!.id}`))!;
    expect(card.text).toMatch(/Waiting for a rep since \w+ \d\d:\d\d \(Asia\/Shanghai\): press Claim/);

    const rep = { platform: 'slack' as const, chatId: 'C0SALES', userId: 'U0LI', userName: 'Li Wei' };
    await desk.fromRep({ ...rep, messageId: '1.1', actionId: `desk:claim:${handoff!.id}` });
    await desk.fromRep({
      ...rep,
      messageId: '1.2',
      inReplyTo: card.messageId,
      text: '100 pcs by April is fine, Maria.',
    });
    const pushed = buyer.locator('.msg.pushed');
    await expect
      .poll(() => pushed.allTextContents(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/Your request #\d+ is in the sales queue/),
        expect.stringMatching(/Li Wei from our sales team has taken your request/),
        'Li Wei (sales): 100 pcs by April is fine, Maria.',
      ]);

    const before = await bot.count();
    await buyer.fill('#text', 'Great, and the shoes too?');
    await buyer.press('#text', 'Enter');
    await expect
      .poll(async () => (await worker.runOnce(), slackPosts.at(-1)?.text))
      .toMatch(/Maria: Great, and the shoes too\?/);
    expect(await bot.count()).toBe(before); // the rep answers, not the bot

    // Reopened later, the page shows only what is new.
    await buyer.reload();
    await desk.fromRep({ ...rep, messageId: '1.3', inReplyTo: card.messageId, text: 'Yes, matching shoes as well.' });
    await expect
      .poll(() => pushed.allTextContents(), { timeout: 15_000 })
      .toEqual(['Li Wei (sales): Yes, matching shoes as well.']);
    await buyer.close();
  });

  it('refuses an updates request without a proper buyer id', async () => {
    const response = await fetch(`${server.url}/api/chat/updates?user=x&after=0`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/user must be/);
  });

  it('says plainly when a message is too long', async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ user: 'abcdefgh12', id: 'abcdefgh34', text: 'x'.repeat(2001) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/limited to 2000 characters/);
  });
});
