import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installedVersion, runChildStep } from '../child-step.ts';
import { writeCatalog } from '../generate-catalog.ts';
import type { PopulateResult } from '../search/search-benchmark.ts';
import type { ConversePhaseResult } from './conversation-benchmark.ts';
import {
  goalLines,
  headlineTable,
  kindTable,
  languageTable,
  profileTables,
  settingsLines,
  splitTable,
  statementTable,
  type ConversationBenchSettings,
} from './report.ts';

/**
 * Conversation benchmark (the third part of `npm run bench`): the offline
 * planner answering multi-turn buyer conversations (./buyer-scripts.ts) over a
 * generated 10k-product catalog indexed with the local embedder, on embedded
 * PGlite. Measures per-message latency of engine.handle (p50/p95/p99, per kind
 * of message), throughput with 200 conversations in flight at once through
 * the one engine, and peak RSS of the serving process; then says where the
 * time goes (SQL statements by kind, a CPU profile by function, the slowest
 * statement under EXPLAIN ANALYZE).
 *
 *   npx tsx test/bench/conversation/run.ts [--products 10000] [--conversations 120] [--concurrent 200]
 *     [--warmup 12] [--profile 24] [--reuse DATA_FOLDER] [--keep]
 *
 * The catalog is loaded by the search benchmark's populate phase (importCatalog
 * with the search index hook, as `showroom import` does) in its own process;
 * the conversations run in a second, fresh process. --reuse copies an already
 * loaded data folder (one holding pgdata/, e.g. from --keep) instead of loading.
 * Writes test/bench/conversation/results/conversation-latest.json. Exits 1 if a step failed.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const POPULATE = path.join(HERE, '../search/search-benchmark.ts');
const CONVERSE = path.join(HERE, 'conversation-benchmark.ts');
const CHILD_TIMEOUT_MS = 30 * 60_000;
const CATALOG_SEED = 42;
const SCRIPT_SEED = 7;

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '10000' },
    conversations: { type: 'string', default: '120' },
    concurrent: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '12' },
    profile: { type: 'string', default: '24' },
    reuse: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const counts = {
  products: Number(values.products),
  conversations: Number(values.conversations),
  concurrent: Number(values.concurrent),
  warmup: Number(values.warmup),
  profile: Number(values.profile),
};
for (const [flag, value] of Object.entries(counts)) {
  if (!Number.isInteger(value) || value < (flag === 'warmup' || flag === 'profile' ? 0 : 1)) {
    process.stderr.write(`conversation bench: --${flag}: "${value}" is not a valid count\n`);
    process.exit(2);
  }
}

/** Runs one step in a fresh process; resolves to its JSON line (ok or not). */
const child = <T>(script: string, args: string[], label: string) =>
  runChildStep<T>(script, args, label, CHILD_TIMEOUT_MS);

const readVersion = installedVersion;
const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const started = performance.now();
const cpus = os.cpus();
const settings: ConversationBenchSettings = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: `${cpus[0]?.model.trim() ?? 'unknown'} x ${cpus.length} cores`,
  cores: cpus.length,
  memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  pglite: await readVersion('@electric-sql/pglite'),
  database: 'embedded PGlite, files on disk in a fresh temp folder (as `showroom start`), one engine, one process',
  embedder: 'local-v1 (384 dims, feature hashing over the lexicon, no network)',
  planner: 'offline (createApp: createOfflinePlanner + createConversationEngine, one transaction per message)',
  products: `${counts.products.toLocaleString('en-US')} generated (test/bench/generate-catalog.ts, seed ${CATALOG_SEED}, ~5% archived)`,
  catalog: values.reuse
    ? `copied from ${values.reuse}`
    : 'importCatalog + search index hook (embedding and HNSW per batch), as `showroom import`, in its own process',
  conversations:
    `${counts.conversations} conversations one message at a time (test/bench/conversation/buyer-scripts.ts, seed ${SCRIPT_SEED}): ` +
    'half browse-and-quote in 9 languages (en, es, fr, de, pt, ru, ar, zh, tr), the rest bundle, button and SKU/out-of-scope buyers',
  warmup: `${counts.warmup} conversations before timing (other buyers, same mix), not recorded`,
  concurrent: `${counts.concurrent} other conversations all in flight at once through the one engine (each sends its next message when answered)`,
  profile: counts.profile
    ? `${counts.profile} more conversations one at a time under the V8 sampling profiler (200 µs), after timing, not timed`
    : 'off',
  loadAverage: loadAverage(),
  tmpdir: os.tmpdir(),
};

const work = await mkdtemp(path.join(os.tmpdir(), 'showroom-conversation-bench-'));
const dir = path.join(work, 'data', 'pgdata');
process.stderr.write(`conversation benchmark: working in ${work}\n`);
let populate: PopulateResult | { ok: false; error: string } | undefined;
let converse: ConversePhaseResult | { ok: false; error: string } | undefined;
try {
  if (values.reuse) {
    await cp(path.join(values.reuse, 'pgdata'), dir, { recursive: true });
  } else {
    const file = path.join(work, `catalog-${counts.products}.csv`);
    await writeCatalog(file, counts.products, 'csv', CATALOG_SEED);
    populate = await child<PopulateResult>(
      POPULATE,
      ['--phase', 'populate', '--target', 'pglite', '--dir', dir, '--source', 'generated', '--file', file].concat([
        '--count',
        String(counts.products),
        '--method',
        'import',
      ]),
      `load ${counts.products.toLocaleString('en-US')} generated products (import + local embedding)`,
    );
  }
  if (!populate || populate.ok) {
    const args = ['--dir', dir, '--seed', String(SCRIPT_SEED)];
    for (const flag of ['conversations', 'concurrent', 'warmup', 'profile'] as const)
      args.push(`--${flag}`, String(counts[flag]));
    converse = await child<ConversePhaseResult>(
      CONVERSE,
      args,
      `conversations: warm-up, ${counts.conversations} one at a time, ${counts.concurrent} concurrent, profile`,
    );
  }
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else process.stderr.write(`kept files in ${work} (reuse with --reuse ${path.join(work, 'data')})\n`);
}

const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
settings.loadAverageEnd = loadAverage();
const out: string[] = ['', ...settingsLines(settings), ''];
if (populate?.ok) {
  out.push(
    `Catalog load: ${populate.products.toLocaleString('en-US')} products in ${(populate.importMs / 1000).toFixed(1)} s (${populate.importPerSec}/s), ${populate.dbDiskMiB} MiB on disk`,
    '',
  );
}
if (converse?.ok) {
  const r = converse;
  out.push(
    `Per-message latency of engine.handle (${r.activeProducts.toLocaleString('en-US')} active of ${r.products.toLocaleString('en-US')} products; engine ready in ${r.openMs} ms; warm-up ${r.warmup.messages} messages in ${(r.warmup.ms / 1000).toFixed(1)} s)`,
    headlineTable(r),
    '',
    '  one at a time: latency is the cost of a message (nothing queued); messages/s there = 1000 / mean',
    `  concurrent: latency includes waiting for PGlite (one session, one transaction at a time); messages/s = ${r.throughput.messages} messages / ${(r.throughput.wallMs / 1000).toFixed(1)} s wall`,
    '  replies as expected: the first reply has the kind the script expects (products, text, bundle, shortlist)',
    `  peak RSS of the conversation process (open, warm-up, all phases): ${r.peakRssMiB} MiB; JS heap used at the end ${r.heapUsedMiB} MiB`,
    '',
    'Where a message’s time goes (means)',
    splitTable(r),
    '',
    'Per kind of message, one at a time (slowest p95 first)',
    kindTable(r.latency.byKind),
    '',
    languageTable(r.latency),
    '',
    'SQL statements, one at a time (all kinds of message together)',
    statementTable(r.latency),
    '',
    'Slowest messages, one at a time:',
    ...r.latency.slowest.map(
      (s) => `  ${ms(s.ms)} ms  ${s.kind}: "${s.text}" (${s.statements} statements, SQL ${ms(s.sqlMs)} ms)`,
    ),
    '',
  );
  if (r.slowStatement) {
    const slow = r.slowStatement;
    out.push(
      `Slowest statement (${slow.kind}, ${ms(slow.ms)} ms, in a "${slow.messageKind}" message: "${slow.message}"):`,
      `  ${slow.sql.slice(0, 600)}`,
      '  EXPLAIN (ANALYZE, BUFFERS), replayed with the same parameters and settings:',
      ...slow.explain.map((line) => `    ${line}`),
      '',
    );
  }
  if (r.profile) {
    out.push(
      `CPU profile of ${r.profile.conversations} conversations (${r.profile.messages} messages), self time, ${r.profile.totalMs} ms sampled`,
      ...profileTables(r.profile),
      '',
    );
  }
  if (r.latency.failed.length) {
    out.push(
      'Replies of another kind than the script expects (first 20):',
      ...r.latency.failed.map((f) => `  ${f.kind} (${f.lang}) "${f.text}" → ${f.replyKind ?? 'no reply'}`),
      '',
    );
  }
  out.push('Goals (as measured, nothing adjusted):', ...goalLines(r, settings.cores).map((line) => `  ${line}`), '');
}
out.push(`total wall time ${totalSeconds} s`, '');
process.stdout.write(out.join('\n'));

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

const resultsDir = path.join(HERE, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
const resultsFile = path.join(resultsDir, 'conversation-latest.json');
await writeFile(resultsFile, JSON.stringify({ settings, totalSeconds, populate, converse }, null, 2) + '\n');
process.stdout.write(`results: ${path.relative(process.cwd(), resultsFile)}\n`);
const failures = [
  ...(populate && !populate.ok ? [`load: ${populate.error}`] : []),
  ...(converse && !converse.ok ? [`conversations: ${converse.error}`] : []),
];
if (failures.length) {
  process.stderr.write(
    `\n${failures.length} step(s) FAILED:\n${failures.map((f) => `  ${f.slice(0, 2000)}`).join('\n')}\n`,
  );
  process.exitCode = 1;
}
