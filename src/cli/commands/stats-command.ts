import { catalogCounts } from '../../catalog/catalog-repository.ts';
import type { Queryable } from '../../db/database.ts';
import { SEARCH_TABLE, readIndexState } from '../../search/search-index.ts';
import { JSON_OPTION, writeJson, type Command } from '../command.ts';

export interface Stats {
  database: string;
  catalog: Awaited<ReturnType<typeof catalogCounts>>;
  imports: { runs: number; last_at: string | null };
  search_index: { embedder: string; dimensions: number; indexed: number } | null;
  conversations: { total: number; buyer_messages: number; by_channel: Record<string, number> };
  /** quote requests by status (requested … closed) */
  handoffs: { total: number; by_status: Record<string, number> };
}

async function countBy(db: Queryable, sql: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ key: string; n: number }>(sql);
  return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function collectStats(db: Queryable & { description: string }): Promise<Stats> {
  const imports = await db.query<{ runs: number; last_at: Date | string | null }>(
    'select count(*)::int as runs, max(finished_at) as last_at from import_runs where committed',
  );
  const last = imports.rows[0]?.last_at;
  const state = await readIndexState(db);
  const indexed = state
    ? (await db.query<{ n: number }>(`select count(*)::int as n from ${SEARCH_TABLE}`)).rows[0]!.n
    : 0;
  const byChannel = await countBy(db, 'select channel as key, count(*)::int as n from conversations group by channel');
  const messages = await db.query<{ n: number }>(
    `select count(*)::int as n from conversation_messages where direction = 'in'`,
  );
  const byStatus = await countBy(db, 'select status as key, count(*)::int as n from handoffs group by status');
  return {
    database: db.description,
    catalog: await catalogCounts(db),
    imports: { runs: imports.rows[0]?.runs ?? 0, last_at: last ? new Date(last).toISOString() : null },
    search_index: state ? { ...state, indexed } : null,
    conversations: { total: sum(byChannel), buyer_messages: messages.rows[0]!.n, by_channel: byChannel },
    handoffs: { total: sum(byStatus), by_status: byStatus },
  };
}

export const statsCommand: Command = {
  name: 'stats',
  usage: 'showroom stats [--json]',
  summary: 'catalog, import, conversation and handoff counts',
  options: { ...JSON_OPTION },
  async run(ctx) {
    const { db } = await ctx.runtime();
    const stats = await collectStats(db);
    if (ctx.json) {
      writeJson(ctx.io, stats);
      return 0;
    }
    const out = (line: string) => ctx.io.stdout.write(`${line}\n`);
    const c = stats.catalog;
    out(`Database: ${stats.database}`);
    out(`Catalog: ${c.active} active products, ${c.archived} archived, ${c.factories} factories`);
    for (const [category, n] of Object.entries(c.by_category).sort((a, b) => b[1] - a[1])) out(`  ${category}: ${n}`);
    if (stats.search_index) {
      const s = stats.search_index;
      out(`Search index: ${s.indexed} products, ${s.embedder} (${s.dimensions} dimensions)`);
    }
    out(`Imports: ${stats.imports.runs}${stats.imports.last_at ? `, last at ${stats.imports.last_at}` : ''}`);
    const channels = Object.entries(stats.conversations.by_channel).map(([channel, n]) => `${channel} ${n}`);
    out(
      `Conversations: ${stats.conversations.total}${channels.length ? ` (${channels.join(', ')})` : ''}, ${stats.conversations.buyer_messages} buyer messages`,
    );
    const statuses = Object.entries(stats.handoffs.by_status).map(([status, n]) => `${status} ${n}`);
    out(`Hand-offs: ${stats.handoffs.total}${statuses.length ? ` (${statuses.join(', ')})` : ''}`);
    return 0;
  },
};
