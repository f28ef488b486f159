import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { migrate } from '../../src/db/migrate.ts';
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
  beforeAll(async () => {
    catalog = await openSeedCatalog();
    await migrate(catalog.db);
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

  it('says plainly when a message is too long', async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ user: 'abcdefgh12', id: 'abcdefgh34', text: 'x'.repeat(2001) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/limited to 2000 characters/);
  });
});
