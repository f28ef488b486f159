import { mean, percentile } from '../../eval/metrics.ts';
import type { MessageSample } from './message-sample.ts';

/**
 * Message samples reduced to what the report prints: latency percentiles
 * overall, per kind of message and per language of the find requests; where
 * each kind's time goes (SQL, BEGIN/COMMIT and lock wait, embedding, the rest
 * in JS); and which statements add up to the SQL time.
 */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface KindRow {
  kind: string;
  ok: number;
  latency: Stats;
  sqlMs: number;
  transactionMs: number;
  embedMs: number;
  /** the rest: understanding, intents, planning, i18n, JSON, the engine's own work */
  jsMs: number;
  statements: number;
  /** the statement kinds costing this message kind most, mean ms per message */
  topStatements: { kind: string; perMessage: number; ms: number }[];
}

export interface StatementRow {
  kind: string;
  /** statements of this kind per message, over all messages */
  perMessage: number;
  mean: number;
  p95: number;
  /** share of all statement time */
  share: number;
}

export interface SamplesSummary {
  messages: number;
  ok: number;
  latency: Stats;
  sqlMs: number;
  transactionMs: number;
  embedMs: number;
  jsMs: number;
  statements: number;
  byKind: KindRow[];
  findByLanguage: { lang: string; latency: Stats }[];
  statementKinds: StatementRow[];
  slowest: { kind: string; text: string; ms: number; statements: number; sqlMs: number }[];
  failed: { kind: string; lang: string; text: string; replyKind?: string }[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function stats(values: number[]): Stats {
  return {
    n: values.length,
    p50: round2(percentile(values, 50)),
    p95: round2(percentile(values, 95)),
    p99: round2(percentile(values, 99)),
    mean: round2(mean(values)),
    max: round2(values.length ? Math.max(...values) : NaN),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const js = (s: MessageSample) => Math.max(0, s.ms - s.sqlMs - s.transactionMs - s.embedMs);

export function summarizeSamples(samples: MessageSample[]): SamplesSummary {
  const byKind = [...groupBy(samples, (s) => s.kind)].map(([kind, group]): KindRow => {
    const statementTime = new Map<string, { n: number; ms: number }>();
    for (const statement of group.flatMap((s) => s.statements)) {
      const entry = statementTime.get(statement.kind) ?? { n: 0, ms: 0 };
      entry.n++;
      entry.ms += statement.ms;
      statementTime.set(statement.kind, entry);
    }
    return {
      kind,
      ok: group.filter((s) => s.ok).length,
      latency: stats(group.map((s) => s.ms)),
      sqlMs: round2(mean(group.map((s) => s.sqlMs))),
      transactionMs: round2(mean(group.map((s) => s.transactionMs))),
      embedMs: round2(mean(group.map((s) => s.embedMs))),
      jsMs: round2(mean(group.map(js))),
      statements: round2(mean(group.map((s) => s.statements.length))),
      topStatements: [...statementTime]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 3)
        .map(([name, { n, ms }]) => ({
          kind: name,
          perMessage: round2(n / group.length),
          ms: round2(ms / group.length),
        })),
    };
  });
  byKind.sort((a, b) => b.latency.p95 - a.latency.p95);

  const all = samples.flatMap((s) => s.statements);
  const totalStatementMs = all.reduce((sum, s) => sum + s.ms, 0);
  const statementKinds = [...groupBy(all, (s) => s.kind)]
    .map(([kind, group]): StatementRow => {
      const ms = group.map((s) => s.ms);
      return {
        kind,
        perMessage: round2(group.length / samples.length),
        mean: round2(mean(ms)),
        p95: round2(percentile(ms, 95)),
        share: ms.reduce((a, b) => a + b, 0) / totalStatementMs,
      };
    })
    .sort((a, b) => b.share - a.share);

  return {
    messages: samples.length,
    ok: samples.filter((s) => s.ok).length,
    latency: stats(samples.map((s) => s.ms)),
    sqlMs: round2(mean(samples.map((s) => s.sqlMs))),
    transactionMs: round2(mean(samples.map((s) => s.transactionMs))),
    embedMs: round2(mean(samples.map((s) => s.embedMs))),
    jsMs: round2(mean(samples.map(js))),
    statements: round2(mean(samples.map((s) => s.statements.length))),
    byKind,
    findByLanguage: [
      ...groupBy(
        samples.filter((s) => s.kind === 'find'),
        (s) => s.lang,
      ),
    ].map(([lang, group]) => ({ lang, latency: stats(group.map((s) => s.ms)) })),
    statementKinds,
    slowest: [...samples]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((s) => ({
        kind: s.kind,
        text: s.text,
        ms: round2(s.ms),
        statements: s.statements.length,
        sqlMs: round2(s.sqlMs),
      })),
    failed: samples
      .filter((s) => !s.ok)
      .slice(0, 20)
      .map((s) => ({ kind: s.kind, lang: s.lang, text: s.text, ...(s.replyKind ? { replyKind: s.replyKind } : {}) })),
  };
}
