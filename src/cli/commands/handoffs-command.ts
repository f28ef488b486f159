import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../catalog/export-catalog.ts';
import { UsageError } from '../../errors.ts';
import { breakdownText } from '../../handoff/conversation-summary.ts';
import {
  HANDOFF_STATUSES,
  listHandoffs,
  transcriptOf,
  type HandoffRecord,
  type HandoffRowStatus,
} from '../../handoff/handoff-repository.ts';
import { JSON_OPTION, writeJson, type Command } from '../command.ts';

/**
 * `showroom handoffs`: the quote requests handed to sales, for people
 * (text), scripts (--json, with each conversation's transcript) and
 * spreadsheets (--csv, with formula-looking cells neutralised).
 */

const CSV_COLUMNS = [
  'id',
  'status',
  'outcome',
  'buyer_name',
  'company',
  'country',
  'business_type',
  'channel',
  'chat_id',
  'user_id',
  'language',
  'items',
  'destination',
  'target_date',
  'customization',
  'target_price',
  'skipped',
  'created_at',
  'confirmed_at',
  'claimed_at',
  'claimed_by',
  'first_rep_reply_at',
  'closed_at',
  'note',
  'summary',
] as const;

export const handoffsCommand: Command = {
  name: 'handoffs',
  usage: `showroom handoffs [--status ${HANDOFF_STATUSES.join('|')}] [--json | --csv]`,
  summary: 'quote requests handed to sales: buyer, items and quantities, status, timestamps and outcome',
  options: { ...JSON_OPTION, csv: { type: 'boolean' }, status: { type: 'string' } },
  async run(ctx) {
    const status = ctx.values.status;
    if (status !== undefined && !HANDOFF_STATUSES.includes(status as HandoffRowStatus)) {
      throw new UsageError(
        'USAGE',
        `--status must be one of ${HANDOFF_STATUSES.join(', ')} (got "${String(status)}").`,
      );
    }
    if (ctx.positionals.length) {
      throw new UsageError('USAGE', `showroom handoffs takes no arguments (got "${ctx.positionals[0]}").`);
    }
    if (ctx.json && ctx.values.csv) throw new UsageError('USAGE', 'Choose one of --json and --csv.');
    const { db } = await ctx.runtime();
    const handoffs = await listHandoffs(db, status ? { status: status as HandoffRowStatus } : {});
    if (ctx.json) {
      const withTranscripts = [];
      for (const handoff of handoffs) {
        withTranscripts.push({ ...toJson(handoff), transcript: await transcriptOf(db, handoff.conversation_id) });
      }
      writeJson(ctx.io, { handoffs: withTranscripts });
      return 0;
    }
    if (ctx.values.csv) {
      ctx.io.stdout.write(stringify([[...CSV_COLUMNS], ...handoffs.map(toCsvRow)]));
      return 0;
    }
    const out = (line: string) => ctx.io.stdout.write(`${line}\n`);
    if (!handoffs.length) out(status ? `No hand-offs with status ${status}.` : 'No hand-offs yet.');
    for (const handoff of handoffs) {
      const row = toJson(handoff);
      out(`#${row.id} ${row.status}${row.outcome ? ` (${row.outcome})` : ''}, created ${row.created_at}`);
      out(`  buyer: ${buyerText(handoff)}; ${row.channel}${row.language ? `, ${row.language}` : ''}`);
      out(`  items: ${itemsText(handoff) || 'none'}`);
      const terms = [
        row.destination ? `ship to ${row.destination.name}` : '',
        row.target_date ? `by ${row.target_date}` : '',
        row.customization.length ? `customization ${row.customization.join(', ')}` : '',
      ].filter(Boolean);
      if (terms.length) out(`  terms: ${terms.join(', ')}`);
      const times = (['confirmed_at', 'claimed_at', 'first_rep_reply_at', 'closed_at'] as const)
        .filter((key) => row[key])
        .map((key) => `${key.replace(/_at$/, '').replace(/_/g, ' ')} ${row[key]}`);
      if (times.length) out(`  ${times.join(', ')}`);
      if (row.claimed_by) out(`  claimed by ${row.claimed_by}`);
      if (row.note) out(`  note: ${row.note}`);
    }
    return 0;
  },
};

/** One hand-off as scripts read it: the quote request's facts at the top level. */
function toJson(handoff: HandoffRecord) {
  const quote = handoff.quote;
  return {
    id: handoff.id,
    status: handoff.status,
    outcome: handoff.outcome,
    note: handoff.note,
    buyer: quote.buyer ?? {},
    channel: handoff.channel,
    chat_id: handoff.chat_id,
    user_id: handoff.user_id,
    language: handoff.language,
    items: quote.items ?? [],
    items_note: quote.items_note ?? null,
    quantity: quote.quantity ?? null,
    destination: quote.destination ?? null,
    target_date: quote.target_date ?? null,
    customization: quote.customization ?? [],
    target_price: quote.target_price ?? null,
    skipped: quote.skipped ?? [],
    summary: handoff.summary,
    created_at: handoff.created_at,
    confirmed_at: handoff.confirmed_at,
    claimed_at: handoff.claimed_at,
    claimed_by: handoff.claimed_by,
    first_rep_reply_at: handoff.first_rep_reply_at,
    closed_at: handoff.closed_at,
  };
}

function buyerText(handoff: HandoffRecord): string {
  const { name, company, country } = handoff.quote.buyer ?? {};
  return [name, company, country].filter(Boolean).join(', ') || 'not introduced';
}

function itemsText(handoff: HandoffRecord): string {
  const items = (handoff.quote.items ?? []).map(
    (item) => `${item.quantity} × ${item.sku}${item.title ? ` ${item.title}` : ''}${breakdownText(item.breakdown)}`,
  );
  if (!items.length && handoff.quote.items_note) items.push(`"${handoff.quote.items_note}"`);
  return items.join('; ');
}

function toCsvRow(handoff: HandoffRecord): string[] {
  const row = toJson(handoff);
  const price = row.target_price
    ? `${row.target_price.amount} ${row.target_price.currency} ${row.target_price.per === 'unit' ? 'per unit' : 'total'}`
    : '';
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    buyer_name: row.buyer.name,
    company: row.buyer.company,
    country: row.buyer.country,
    business_type: row.buyer.business_type,
    channel: row.channel,
    chat_id: row.chat_id,
    user_id: row.user_id,
    language: row.language,
    items: itemsText(handoff),
    destination: row.destination?.name,
    target_date: row.target_date,
    customization: row.customization.join('|'),
    target_price: price,
    skipped: row.skipped.join('|'),
    created_at: row.created_at,
    confirmed_at: row.confirmed_at,
    claimed_at: row.claimed_at,
    claimed_by: row.claimed_by,
    first_rep_reply_at: row.first_rep_reply_at,
    closed_at: row.closed_at,
    note: row.note,
    summary: row.summary,
  };
  // Buyers type names and notes: a cell a spreadsheet would run as a formula gets a leading quote.
  return CSV_COLUMNS.map((column) => {
    const value = cells[column];
    return value === null || value === undefined ? '' : neutraliseFormula(String(value));
  });
}
