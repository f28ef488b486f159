import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBundleRules } from '../../../src/bundles/bundle-rules.ts';
import { seedCuratedBundles } from '../../../src/bundles/curated-bundles.ts';
import { importCatalog } from '../../../src/catalog/import-catalog.ts';
import { createConversationEngine, type ConversationEngine } from '../../../src/conversation/conversation-engine.ts';
import type { OutboundMessage } from '../../../src/conversation/messages.ts';
import { createLlmPlanner, type TurnReport } from '../../../src/conversation/llm/llm-planner.ts';
import { createOfflinePlanner } from '../../../src/conversation/offline-planner.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../../src/db/pglite-database.ts';
import { loadLexicon } from '../../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../../src/search/local-embedder.ts';
import { createCatalogSearch } from '../../../src/search/search-catalog.ts';
import { indexProducts, prepareSearchIndex } from '../../../src/search/search-index.ts';
import { startFakeOpenAI } from '../../helpers/fake-openai.ts';
import { wellBehaved } from '../../llm/well-behaved-model.ts';
import { buyerScripts, type BuyerScript } from '../conversation/buyer-scripts.ts';
import { writeCatalog } from '../generate-catalog.ts';

/**
 * LLM planner benchmark: the conversation benchmark's buyer scripts played
 * through the LLM planner against the local OpenAI-compatible fake (scripted
 * to behave well, answering instantly), and through the offline planner on
 * the same catalog. Reports model calls, prompt and completion tokens per
 * turn (as the fake counts them: 4 bytes of request JSON a token) and the
 * latency the LLM planner adds over the offline one: with an instant model,
 * that is the product's own overhead (prompt building, HTTP, JSON, tools).
 *
 *   npx tsx test/bench/llm/run.ts [--products 10000] [--conversations 36] [--seed 7] [--reuse DATA_FOLDER] [--keep]
 *
 * Writes test/bench/llm/results/llm-latest.json.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    conversations: { type: 'string', default: '36' },
    seed: { type: 'string', default: '7' },
    reuse: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const products = Number(values.products);
const conversations = Number(values.conversations);
const seed = Number(values.seed);
const GOAL_PROMPT_TOKENS = 3000;

interface Sample {
  kind: string;
  lang: string;
  offlineMs: number;
  llmMs: number;
  report?: TurnReport;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'showroom-llm-bench-'));
const dir = path.join(work, 'data', 'pgdata');
process.stderr.write(`LLM planner benchmark: working in ${work}\n`);
const fake = await startFakeOpenAI();
fake.respond = wellBehaved;
try {
  const lexicon = await loadLexicon();
  const embedder = createLocalEmbedder(lexicon);
  if (values.reuse) await cp(path.join(values.reuse, 'pgdata'), dir, { recursive: true });
  const db = await createPgliteDatabase({ dir });
  await migrate(db);
  // A kept folder holds the last run's conversations too: replayed, every turn would be a duplicate.
  if (values.reuse) await db.query('delete from conversations');
  await prepareSearchIndex(db, { lexicon, embedder });
  if (!values.reuse) {
    const file = path.join(work, `catalog-${products}.csv`);
    await writeCatalog(file, products, 'csv', 42);
    const started = performance.now();
    process.stderr.write(`  loading ${products.toLocaleString('en-US')} generated products … `);
    const report = await importCatalog(db, createReadStream(file), {
      format: 'csv',
      source: path.basename(file),
      onWritten: (tx, ids) => indexProducts(tx, ids, { lexicon, embedder }),
    });
    if (!report.committed) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  await seedCuratedBundles(db);
  const deps = {
    lexicon,
    search: createCatalogSearch(db, { embedder, lexicon }),
    bundleRules: await loadBundleRules(),
  };
  const offline = await createOfflinePlanner(deps);
  const reports: TurnReport[] = [];
  const llm = await createLlmPlanner({
    ...deps,
    offline,
    options: {
      apiKey: 'bench',
      baseUrl: fake.baseUrl,
      model: 'fake-chat',
      visionModel: 'fake-chat',
      temperature: 0,
      timeoutMs: 20_000,
      turnTokenBudget: 8000,
    },
    onTurn: (report) => reports.push(report),
  });
  const engines = {
    offline: createConversationEngine({ db, planner: offline, limits: { messagesPerMinute: 1e9 } }),
    llm: createConversationEngine({ db, planner: llm, limits: { messagesPerMinute: 1e9 } }),
  };
  const { rows } = await db.query<{ sku: string }>(
    `select sku from products where status = 'active' order by id limit 200`,
  );
  const scripts = buyerScripts(
    conversations,
    seed,
    rows.map((r) => r.sku),
  );
  const warm = buyerScripts(
    4,
    seed + 1000,
    rows.map((r) => r.sku),
  );
  for (const [i, script] of warm.entries()) {
    await play(engines.offline, `warm-offline-${i}`, script);
    await play(engines.llm, `warm-llm-${i}`, script);
  }
  reports.length = 0;
  process.stderr.write(`  ${conversations} conversations through each planner … `);
  const started = performance.now();
  const samples: Sample[] = [];
  for (const [i, script] of scripts.entries()) {
    // Alternate which planner goes first, so neither always gets the warmer cache.
    const order = i % 2 ? (['llm', 'offline'] as const) : (['offline', 'llm'] as const);
    const timings: Record<string, number[]> = {};
    const llmReports: Array<TurnReport | undefined> = [];
    for (const name of order) {
      const before = reports.length;
      timings[name] = await play(engines[name], `${name}-${i}`, script, (turn) => {
        if (name === 'llm') llmReports[turn] = reports.length > before ? reports.at(-1) : undefined;
      });
    }
    script.turns.forEach((turn, t) =>
      samples.push({
        kind: turn.kind,
        lang: turn.lang,
        offlineMs: timings.offline![t]!,
        llmMs: timings.llm![t]!,
        ...(llmReports[t] ? { report: llmReports[t] } : {}),
      }),
    );
  }
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  await db.close();

  const planned = samples.filter((s) => s.report && s.report.outcome !== 'rules');
  const llmTurns = planned.filter((s) => s.report!.outcome === 'llm');
  const prompt = planned.map((s) => s.report!.promptTokens);
  const expectedCalls = (r: TurnReport) => (r.tools.length ? 2 : 1);
  const result = {
    settings: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: `${os.cpus()[0]?.model.trim() ?? 'unknown'} x ${os.cpus().length} cores`,
      loadAverage: os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' '),
      products,
      conversations,
      seed,
      messages: samples.length,
      model:
        'local fake (test/helpers/fake-openai.ts) answering instantly, scripted to behave well (test/llm/well-behaved-model.ts)',
      tokens: 'as the fake reports them: 4 bytes of request JSON (messages + tools) per token',
      budget: 'LLM_TURN_TOKEN_BUDGET 8000, OPENAI_TIMEOUT_MS 20000',
    },
    turns: {
      byRules: samples.length - planned.length,
      planned: planned.length,
      llm: llmTurns.length,
      offlineRendering: planned.filter((s) => s.report!.outcome === 'offline_rendering').length,
      fallback: planned.filter((s) => s.report!.outcome === 'fallback').length,
      reasons: count(planned.map((s) => s.report!.reason).filter(Boolean) as string[]),
    },
    calls: {
      mean: mean(planned.map((s) => s.report!.calls)),
      distribution: count(planned.map((s) => String(s.report!.calls))),
      atGoal: llmTurns.filter((s) => s.report!.calls === expectedCalls(s.report!)).length,
    },
    promptTokens: { mean: mean(prompt), p50: pct(prompt, 50), p95: pct(prompt, 95), max: Math.max(...prompt) },
    promptTokensPerCall: mean(
      planned.flatMap((s) => (s.report!.calls ? [s.report!.promptTokens / s.report!.calls] : [])),
    ),
    completionTokens: { mean: mean(planned.map((s) => s.report!.completionTokens)) },
    withinPromptGoal: prompt.filter((p) => p <= GOAL_PROMPT_TOKENS).length,
    latency: {
      offline: stats(samples.map((s) => s.offlineMs)),
      llm: stats(samples.map((s) => s.llmMs)),
      addedPlannedMean: mean(planned.map((s) => s.llmMs - s.offlineMs)),
      addedPlannedP50: pct(
        planned.map((s) => s.llmMs - s.offlineMs),
        50,
      ),
    },
    byKind: Object.entries(groupBy(planned, (s) => s.kind)).map(([kind, list]) => ({
      kind,
      turns: list.length,
      calls: mean(list.map((s) => s.report!.calls)),
      promptTokens: mean(list.map((s) => s.report!.promptTokens)),
      addedMs: mean(list.map((s) => s.llmMs - s.offlineMs)),
    })),
  };
  print(result);
  const resultsDir = path.join(HERE, 'results');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
  await writeFile(path.join(resultsDir, 'llm-latest.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`results: ${path.relative(process.cwd(), path.join(resultsDir, 'llm-latest.json'))}\n`);
} finally {
  await fake.close();
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else process.stderr.write(`kept files in ${work} (reuse with --reuse ${path.join(work, 'data')})\n`);
}

/** Plays one script; returns each turn's wall time in ms. */
async function play(
  engine: ConversationEngine,
  user: string,
  script: BuyerScript,
  afterTurn?: (turn: number) => void,
): Promise<number[]> {
  const times: number[] = [];
  let last: OutboundMessage[] = [];
  for (const [i, turn] of script.turns.entries()) {
    const button = turn.press && last.flatMap((reply) => reply.buttons ?? []).find((b) => turn.press!.test(b.label));
    const started = performance.now();
    last = await engine.handle({
      channel: 'llm-bench',
      chatId: user,
      userId: user,
      dedupeId: `${user}:${i}`,
      ...(turn.press ? { actionId: button?.id ?? 'no-such-button' } : { text: turn.text! }),
    });
    times.push(performance.now() - started);
    afterTurn?.(i);
  }
  return times;
}

function print(r: {
  settings: Record<string, unknown>;
  turns: Record<string, unknown>;
  calls: { mean: number; distribution: Record<string, number>; atGoal: number };
  promptTokens: { mean: number; p50: number; p95: number; max: number };
  promptTokensPerCall: number;
  completionTokens: { mean: number };
  withinPromptGoal: number;
  latency: { offline: Stats; llm: Stats; addedPlannedMean: number; addedPlannedP50: number };
  byKind: Array<{ kind: string; turns: number; calls: number; promptTokens: number; addedMs: number }>;
}): void {
  const turns = r.turns as { planned: number; llm: number; byRules: number };
  const lines = [
    '',
    ...Object.entries(r.settings).map(([k, v]) => `${k}: ${v}`),
    '',
    `turns: ${JSON.stringify(r.turns)}`,
    `model calls per planned turn: mean ${r.calls.mean.toFixed(2)}, distribution ${JSON.stringify(r.calls.distribution)}`,
    `prompt tokens per planned turn: mean ${Math.round(r.promptTokens.mean)}, p50 ${r.promptTokens.p50}, p95 ${r.promptTokens.p95}, max ${r.promptTokens.max} (per call ${Math.round(r.promptTokensPerCall)})`,
    `completion tokens per planned turn: mean ${Math.round(r.completionTokens.mean)}`,
    `latency per message (ms): offline p50 ${r.latency.offline.p50.toFixed(1)} p95 ${r.latency.offline.p95.toFixed(1)}; llm p50 ${r.latency.llm.p50.toFixed(1)} p95 ${r.latency.llm.p95.toFixed(1)}`,
    `added latency of a planned turn (llm − offline, same script turn): mean ${r.latency.addedPlannedMean.toFixed(1)} ms, p50 ${r.latency.addedPlannedP50.toFixed(1)} ms`,
    '',
    'per kind of message (planned turns): turns, calls, prompt tokens, added ms',
    ...r.byKind
      .sort((a, b) => b.promptTokens - a.promptTokens)
      .map(
        (k) =>
          `  ${k.kind.padEnd(14)} ${String(k.turns).padStart(4)} ${k.calls.toFixed(2).padStart(6)} ${String(Math.round(k.promptTokens)).padStart(7)} ${k.addedMs.toFixed(1).padStart(8)}`,
      ),
    '',
    'Goals (as measured):',
    `  one call for a simple turn, two when a tool is used: ${r.calls.atGoal} of ${turns.llm} LLM turns (${percent(r.calls.atGoal, turns.llm)}); button presses and "delete my data" (${turns.byRules}) use no call`,
    `  prompt ≤ ${GOAL_PROMPT_TOKENS} tokens per turn at ${Number(r.settings.products).toLocaleString('en-US')} products: ${r.withinPromptGoal} of ${turns.planned} planned turns (${percent(r.withinPromptGoal, turns.planned)}), max ${r.promptTokens.max}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

interface Stats {
  mean: number;
  p50: number;
  p95: number;
}
function stats(values: number[]): Stats {
  return { mean: mean(values), p50: pct(values, 50), p95: pct(values, 95) };
}
function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}
function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
function groupBy<T>(values: T[], key: (v: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const v of values) (out[key(v)] ??= []).push(v);
  return out;
}
function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : 'n/a';
}
