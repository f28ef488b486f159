import type { Database } from '../db/database.ts';
import { collectStats } from '../cli/commands/stats-command.ts';
import { sendJson, type Route } from './http-server.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Health and a small status page (the web chat has `/`; the admin console comes later). */
export function statusRoutes(db: Database): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      async handler(_request, response) {
        await db.query('select 1');
        sendJson(response, 200, { ok: true });
      },
    },
    {
      method: 'GET',
      path: '/api/stats',
      async handler(_request, response) {
        sendJson(response, 200, await collectStats(db));
      },
    },
    {
      method: 'GET',
      path: '/status',
      async handler(_request, response) {
        const stats = await collectStats(db);
        const rows = Object.entries(stats.catalog.by_category)
          .sort((a, b) => b[1] - a[1])
          .map(([category, n]) => `<tr><td>${escapeHtml(category)}</td><td>${n}</td></tr>`)
          .join('');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Showroom</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}td{padding:.1rem 1rem .1rem 0}</style></head>
<body><h1>Showroom is running</h1>
<p>${stats.catalog.active} active products from ${stats.catalog.factories} factories, in ${escapeHtml(stats.database)}.</p>
<table><thead><tr><th align="left">category</th><th align="left">products</th></tr></thead><tbody>${rows}</tbody></table>
<p>The buyer web chat is at <a href="/">/</a>; <code>/api/stats</code> gives these counts as JSON. The admin console is not built yet.</p>
</body></html>`);
      },
    },
  ];
}
