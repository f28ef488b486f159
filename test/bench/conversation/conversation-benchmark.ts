import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../../../src/app.ts';
import { seedCuratedBundles } from '../../../src/bundles/curated-bundles.ts';
import type { ConversationEngine } from '../../../src/conversation/conversation-engine.ts';
import type { InboundMessage, OutboundMessage } from '../../../src/conversation/messages.ts';
import type { Database } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../../src/db/pglite-database.ts';
import { loadLexicon } from '../../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../../src/search/local-embedder.ts';
import { createCatalogSearch } from '../../../src/search/search-catalog.ts';
import { prepareSearchIndex } from '../../../src/search/search-index.ts';
import { buyerScripts, type BuyerScript } from './buyer-scripts.ts';
import { profiled, type ProfileSummary } from './cpu-profile.ts';
import { measured, sampledDatabase, sampledEmbedder, type MessageSample } from './message-sample.ts';
import { summarizeSamples, type SamplesSummary } from './summarize-samples.ts';

/**
 * The measured step of the conversation benchmark, run by ./run.ts in a fresh
 * process on a data folder the search benchmark's populate phase loaded (so
 * peak RSS is the serving process's alone). It opens the folder as
 * `showroom start` does (migrate, prepare the search index, curated bundles),
 * composes the engine with createApp, then:
 *  1. warm-up: `--warmup` conversations, one message at a time, not recorded;
 *  2. latency: `--conversations` conversations, one message at a time (no
 *     queueing: each figure is the cost of one message);
 *  3. throughput: `--concurrent` conversations all in flight at once through
 *     the one engine, each sending its next message when the last is answered;
 *  4. profile (unless `--profile 0`): that many more conversations under the V8
 *     sampling profiler, not timed.
 * Prints one JSON line on stdout.
 *
 *   node --import tsx test/bench/conversation/conversation-benchmark.ts --dir DATA/pgdata [--trace]
 */

const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

export interface ConversePhaseResult {
  ok: true;
  products: number;
  activeProducts: number;
  openMs: number;
  warmup: { conversations: number; messages: number; ms: number };
  latency: SamplesSummary & { conversations: number };
  throughput: SamplesSummary & { conversations: number; wallMs: number; messagesPerSec: number };
  profile?: ProfileSummary & { conversations: number; messages: number };
  /** the slowest statement of the latency phase, replayed under EXPLAIN (ANALYZE, BUFFERS) */
  slowStatement?: { kind: string; messageKind: string; message: string; ms: number; sql: string; explain: string[] };
  peakRssMiB: number;
  heapUsedMiB: number;
}

interface Conversing {
  engine: ConversationEngine;
  run: string;
  trace: boolean;
}

/** Plays one buyer's script; returns a sample per message (recorded or not). */
async function converse(ctx: Conversing, user: string, script: BuyerScript): Promise<MessageSample[]> {
  const samples: MessageSample[] = [];
  let last: OutboundMessage[] = [];
  for (const [i, turn] of script.turns.entries()) {
    const button = turn.press && last.flatMap((reply) => reply.buttons ?? []).find((b) => turn.press!.test(b.label));
    const inbound: InboundMessage = {
      channel: 'bench',
      chatId: user,
      userId: user,
      dedupeId: `${ctx.run}:${user}:${i}`,
      ...(turn.press ? { actionId: button?.id ?? 'no-such-button' } : { text: turn.text! }),
    };
    const sample: MessageSample = {
      kind: turn.kind,
      lang: turn.lang,
      shape: script.shape,
      text: turn.text ?? `[${turn.press!.source}]`,
      ms: 0,
      sqlMs: 0,
      transactionMs: 0,
      embedMs: 0,
      statements: [],
      ok: false,
    };
    const start = performance.now();
    last = await measured(sample, () => ctx.engine.handle(inbound));
    sample.ms = performance.now() - start;
    sample.replyKind = last[0]?.kind;
    sample.ok = sample.replyKind === turn.expect && (!turn.press || Boolean(button));
    samples.push(sample);
    if (ctx.trace) {
      const first = (last[0]?.text ?? '').split('\n')[0]!.slice(0, 90);
      process.stderr.write(
        `${sample.ok ? ' ' : '!'} ${sample.ms.toFixed(1).padStart(6)} ms  ${turn.kind.padEnd(16)} ${turn.lang}  ${sample.text.padEnd(44)} → ${sample.replyKind} (${'items' in (last[0] ?? {}) ? (last[0] as { items: unknown[] }).items.length : 0}) ${first}\n`,
      );
      // Where a slow message's time went, statement by statement.
      if (sample.ms > 100) {
        const costly = sample.statements.filter((s) => s.ms > 5);
        for (const s of costly) process.stderr.write(`      ${s.ms.toFixed(1).padStart(7)} ms  ${s.kind}\n`);
        process.stderr.write(
          `      statements ${sample.statements.length}, SQL ${sample.sqlMs.toFixed(1)} ms, BEGIN/COMMIT ${sample.transactionMs.toFixed(1)} ms, embed ${sample.embedMs.toFixed(1)} ms\n`,
        );
      }
    }
  }
  return samples;
}

async function explain(db: Database, sample: MessageSample, index: number): Promise<string[]> {
  const statement = sample.statements[index]!;
  return db.transaction(async (tx) => {
    // The search's `set local` settings (HNSW iterative scan, trigram threshold) as they were for it.
    for (const earlier of sample.statements.slice(0, index))
      if (earlier.kind === 'set local') await tx.exec(earlier.sql);
    const { rows } = await tx.query<Record<string, string>>(
      `explain (analyze, buffers) ${statement.sql}`,
      statement.params,
    );
    return rows.map((row) => String(Object.values(row)[0]));
  });
}

export async function conversePhase(options: {
  dir: string;
  seed: number;
  warmup: number;
  conversations: number;
  concurrent: number;
  profile: number;
  trace: boolean;
}): Promise<ConversePhaseResult> {
  let start = performance.now();
  const db = await createPgliteDatabase({ dir: options.dir });
  try {
    await migrate(db);
    const lexicon = await loadLexicon();
    const embedder = sampledEmbedder(createLocalEmbedder(lexicon));
    await prepareSearchIndex(db, { lexicon, embedder });
    await seedCuratedBundles(db);
    const sampled = sampledDatabase(db);
    const catalogSearch = createCatalogSearch(sampled, { embedder, lexicon });
    const { engine } = await createApp({ db: sampled, search: { lexicon, embedder, catalogSearch } });
    const openMs = performance.now() - start;
    const { rows } = await db.query<{ n: number; active: number }>(
      `select count(*)::int as n, (count(*) filter (where status = 'active'))::int as active from products`,
    );
    const { rows: skuRows } = await db.query<{ sku: string }>(
      `select sku from products where status = 'active' order by id limit 200`,
    );
    const skus = skuRows.map((row) => row.sku);
    // Each phase its own buyers (and seed), so no conversation continues another phase's state.
    const ctx: Conversing = { engine, run: `${Date.now().toString(36)}`, trace: options.trace };
    const scripts = (count: number, offset: number) => buyerScripts(count, options.seed + offset, skus);
    const playAll = async (phase: string, list: BuyerScript[], concurrently: boolean) => {
      if (concurrently) return (await Promise.all(list.map((s, i) => converse(ctx, `${phase}-${i}`, s)))).flat();
      const samples: MessageSample[] = [];
      for (const [i, s] of list.entries()) samples.push(...(await converse(ctx, `${phase}-${i}`, s)));
      return samples;
    };

    start = performance.now();
    const warm = await playAll('warmup', scripts(options.warmup, 1000), false);
    const warmup = { conversations: options.warmup, messages: warm.length, ms: Math.round(performance.now() - start) };

    const latencySamples = await playAll('latency', scripts(options.conversations, 0), false);
    const latency = { conversations: options.conversations, ...summarizeSamples(latencySamples) };

    const traceWas = ctx.trace;
    ctx.trace = false;
    start = performance.now();
    const loadSamples = await playAll('load', scripts(options.concurrent, 2000), true);
    const wallMs = performance.now() - start;
    ctx.trace = traceWas;
    const throughput = {
      conversations: options.concurrent,
      wallMs: Math.round(wallMs),
      messagesPerSec: Math.round((loadSamples.length / (wallMs / 1000)) * 10) / 10,
      ...summarizeSamples(loadSamples),
    };

    let profile: ConversePhaseResult['profile'];
    if (options.profile > 0) {
      const { result, summary } = await profiled(() => playAll('profile', scripts(options.profile, 3000), false));
      profile = { conversations: options.profile, messages: result.length, ...summary };
    }

    let slowStatement: ConversePhaseResult['slowStatement'];
    const slowest = latencySamples
      .flatMap((sample) => sample.statements.map((statement, index) => ({ sample, statement, index })))
      .sort((a, b) => b.statement.ms - a.statement.ms)[0];
    if (slowest) {
      slowStatement = {
        kind: slowest.statement.kind,
        messageKind: slowest.sample.kind,
        message: slowest.sample.text,
        ms: Math.round(slowest.statement.ms * 10) / 10,
        sql: slowest.statement.sql.replace(/\s+/g, ' ').trim(),
        explain: await explain(db, slowest.sample, slowest.index),
      };
    }
    return {
      ok: true,
      products: rows[0]!.n,
      activeProducts: rows[0]!.active,
      openMs: Math.round(openMs),
      warmup,
      latency,
      throughput,
      ...(profile ? { profile } : {}),
      ...(slowStatement ? { slowStatement } : {}),
      peakRssMiB: peakRssMiB(),
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    };
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      seed: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '12' },
      conversations: { type: 'string', default: '120' },
      concurrent: { type: 'string', default: '200' },
      profile: { type: 'string', default: '24' },
      trace: { type: 'boolean', default: false },
    },
  });
  try {
    if (!values.dir) throw new Error('--dir (the PGlite data folder) is required');
    const result = await conversePhase({
      dir: values.dir,
      seed: Number(values.seed),
      warmup: Number(values.warmup),
      conversations: Number(values.conversations),
      concurrent: Number(values.concurrent),
      profile: Number(values.profile),
      trace: values.trace,
    });
    process.stdout.write(JSON.stringify(result) + '\n');
  } catch (error) {
    process.stdout.write(
      JSON.stringify({ ok: false, error: (error as Error).stack ?? String(error), peakRssMiB: peakRssMiB() }) + '\n',
    );
    process.exitCode = 1;
  }
}
