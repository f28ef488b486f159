import { formatRows, ms } from '../search/report.ts';
import type { ConversePhaseResult } from './conversation-benchmark.ts';
import type { KindRow, SamplesSummary, Stats } from './summarize-samples.ts';

/**
 * Plain-text report of the conversation benchmark: settings first, so a
 * pasted result carries what it was measured on, then latency, throughput,
 * peak RSS, the goals, and where the time goes (per kind of message, per
 * statement, per function).
 */

export interface ConversationBenchSettings {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  pglite: string;
  database: string;
  embedder: string;
  planner: string;
  products: string;
  catalog: string;
  conversations: string;
  warmup: string;
  concurrent: string;
  profile: string;
  loadAverage: string;
  loadAverageEnd?: string;
  tmpdir: string;
}

export const GOALS = { p95Ms: 50, messagesPerSec: 200 };

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function settingsLines(s: ConversationBenchSettings): string[] {
  return [
    `Showroom conversation benchmark, ${s.date}`,
    `  node ${s.node} on ${s.platform}; ${s.cpu}; ${s.memoryGiB} GiB RAM`,
    `  load average (1/5/15 min) at start ${s.loadAverage}${s.loadAverageEnd ? `, at end ${s.loadAverageEnd}` : ''}: other processes share these cores, so figures are noisy`,
    `  database   ${s.database} (PGlite ${s.pglite})`,
    `  embedder   ${s.embedder}`,
    `  planner    ${s.planner}`,
    `  products   ${s.products}`,
    `  catalog    ${s.catalog}`,
    `  messages   ${s.conversations}`,
    `  warm-up    ${s.warmup}`,
    `  load       ${s.concurrent}`,
    `  profile    ${s.profile}`,
    `  data folder under ${s.tmpdir}`,
  ];
}

const statsCells = (latency: Stats) => [ms(latency.p50), ms(latency.p95), ms(latency.p99), ms(latency.max)];

export function headlineTable(result: ConversePhaseResult): string {
  const { latency, throughput } = result;
  const row = (label: string, summary: SamplesSummary, extra: string[]) => [
    label,
    String(summary.messages),
    ...statsCells(summary.latency),
    ms(summary.latency.mean),
    `${summary.ok}/${summary.messages}`,
    ...extra,
  ];
  return formatRows(
    ['phase', 'messages', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'replies as expected', 'messages/s'],
    [
      row(`one at a time (${latency.conversations} conversations)`, latency, [
        String(Math.round(1000 / latency.latency.mean)),
      ]),
      row(`${throughput.conversations} concurrent conversations`, throughput, [String(throughput.messagesPerSec)]),
    ],
  );
}

export function splitTable(result: ConversePhaseResult): string {
  const row = (label: string, s: SamplesSummary) => {
    const total = s.latency.mean || 1;
    return [
      label,
      ms(s.latency.mean),
      `${ms(s.sqlMs)} (${pct(s.sqlMs / total)})`,
      `${ms(s.transactionMs)} (${pct(s.transactionMs / total)})`,
      `${ms(s.embedMs)} (${pct(s.embedMs / total)})`,
      `${ms(s.jsMs)} (${pct(s.jsMs / total)})`,
      String(s.statements),
    ];
  };
  return formatRows(
    ['phase', 'mean ms', 'SQL statements', 'BEGIN/COMMIT + lock wait', 'embed request', 'JS (the rest)', 'statements'],
    [row('one at a time', result.latency), row('200 concurrent', result.throughput)],
  );
}

export function kindTable(rows: KindRow[]): string {
  return formatRows(
    [
      'message kind',
      'n',
      'as expected',
      'p50 ms',
      'p95 ms',
      'max ms',
      'SQL ms',
      'embed',
      'JS ms',
      'stmts',
      'costliest statements (n/msg, ms/msg)',
    ],
    rows.map((row) => [
      row.kind,
      String(row.latency.n),
      `${row.ok}/${row.latency.n}`,
      ms(row.latency.p50),
      ms(row.latency.p95),
      ms(row.latency.max),
      ms(row.sqlMs + row.transactionMs),
      ms(row.embedMs),
      ms(row.jsMs),
      String(row.statements),
      row.topStatements.map((s) => `${s.kind} ${s.perMessage}× ${ms(s.ms)}`).join(', '),
    ]),
  );
}

export function statementTable(summary: SamplesSummary): string {
  return formatRows(
    ['statement', 'per message', 'mean ms', 'p95 ms', 'share of SQL time'],
    summary.statementKinds.map((row) => [row.kind, String(row.perMessage), ms(row.mean), ms(row.p95), pct(row.share)]),
  );
}

export function languageTable(summary: SamplesSummary): string {
  return formatRows(
    ['find request language', 'n', 'p50 ms', 'p95 ms', 'max ms'],
    summary.findByLanguage.map((row) => [
      row.lang,
      String(row.latency.n),
      ms(row.latency.p50),
      ms(row.latency.p95),
      ms(row.latency.max),
    ]),
  );
}

export function profileTables(profile: NonNullable<ConversePhaseResult['profile']>): string[] {
  return [
    formatRows(
      ['area (self time)', 'ms', 'share'],
      profile.areas.map((row) => [row.name, String(row.ms), pct(row.share)]),
    ),
    '',
    formatRows(
      ['function (self time)', 'ms', 'share'],
      profile.functions.map((row) => [row.name, String(row.ms), pct(row.share)]),
    ),
  ];
}

export function goalLines(result: ConversePhaseResult, cores: number): string[] {
  const p95 = result.latency.latency.p95;
  const rate = result.throughput.messagesPerSec;
  return [
    `p95 ≤ ${GOALS.p95Ms} ms per message (one at a time): measured ${ms(p95)} ms: ${p95 <= GOALS.p95Ms ? 'met' : 'MISSED'}`,
    `≥ ${GOALS.messagesPerSec} messages/s with ${result.throughput.conversations} concurrent conversations on ${cores} cores: measured ${rate}: ${rate >= GOALS.messagesPerSec ? 'met' : 'MISSED'}`,
  ];
}
