import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCatalog, type GeneratedFormat } from './generate-catalog.ts';
import type { CreateResult, ImportResult } from './import-benchmark.ts';
import { formatReport, type BenchRun, type BenchSettings } from './report.ts';
import { TARGET_DESCRIPTIONS, TARGETS, type Target } from './targets.ts';

/**
 * `npm run bench`: catalog import throughput (products/s) and peak memory for
 * generated catalogs of 1k, 10k and 100k products, on embedded PGlite and on
 * the `pg` driver over pglite-socket. Each row of the table is two fresh
 * processes (create+migrate a new data folder, then import into it twice),
 * so every peak RSS is that step's own. Prints an aligned table with the
 * settings and writes test/bench/results/import-latest.json. Exits non-zero if
 * any run failed or any count was wrong.
 *
 *   npm run bench -- --sizes 1000,10000 --targets pglite,pg-socket [--jsonl 10000] [--batch-size 500]
 *                    [--repeat 3: median of 3 per row] [--keep: leave the temp files]
 */

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '../..');
const CHILD = path.join(BENCH_DIR, 'import-benchmark.ts');
const CHILD_TIMEOUT_MS = 15 * 60_000;
const SEED = 42;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    targets: { type: 'string', default: TARGETS.join(',') },
    jsonl: { type: 'string', default: '10000' },
    'batch-size': { type: 'string', default: '500' },
    repeat: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const sizes = list(values.sizes!).map(Number);
const jsonlSizes = list(values.jsonl!)
  .map(Number)
  .filter((size) => sizes.includes(size));
const targets = list(values.targets!) as Target[];
const batchSize = Number(values['batch-size']);
const repeat = Number(values.repeat);
const counts: [string, number][] = [
  ...sizes.map((size): [string, number] => ['--sizes', size]),
  ['--batch-size', batchSize],
  ['--repeat', repeat],
];
for (const [flag, value] of counts) {
  if (!Number.isInteger(value) || value < 1) usage(`${flag}: "${value}" is not a positive whole number`);
}
for (const target of targets) {
  if (!TARGETS.includes(target)) usage(`--targets: "${target}" is not one of ${TARGETS.join(', ')}`);
}

/** Runs one phase in a fresh process; resolves to its JSON line (ok or not). */
function child(args: string[]): Promise<{ ok: boolean; error?: string } & Record<string, unknown>> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out
        .trim()
        .split('\n')
        .findLast((text) => text.startsWith('{'));
      try {
        if (line) return resolve(JSON.parse(line));
      } catch {
        // fall through: report the raw output
      }
      const why = signal === 'SIGKILL' ? `killed after ${CHILD_TIMEOUT_MS / 60_000} min` : `exit ${code ?? signal}`;
      resolve({ ok: false, error: `no result from child (${why}): ${out.slice(-300)}` });
    });
  });
}

const pglitePackage = JSON.parse(
  await readFile(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
) as { version: string };
const cpus = os.cpus();
const settings: BenchSettings = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: `${cpus[0]?.model.trim() ?? 'unknown'} x ${cpus.length} cores`,
  memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  pglite: pglitePackage.version,
  batchSize,
  seed: SEED,
  tmpdir: os.tmpdir(),
  targets: Object.fromEntries(targets.map((target) => [target, TARGET_DESCRIPTIONS[target]])),
};

const work = await mkdtemp(path.join(os.tmpdir(), 'showroom-bench-'));
const plan: { size: number; format: GeneratedFormat }[] = [
  ...sizes.map((size) => ({ size, format: 'csv' as const })),
  ...jsonlSizes.map((size) => ({ size, format: 'jsonl' as const })),
];

/** One measurement: a fresh folder created+migrated in one process, then imported into (twice) in another. */
async function measure(run: BenchRun, file: string, dir: string): Promise<BenchRun> {
  const { target, format, count } = run;
  await mkdir(path.dirname(dir), { recursive: true });
  const create = await child(['--phase', 'create', '--target', target, '--dir', dir]);
  if (!create.ok) run.error = `create: ${create.error}`;
  else {
    run.create = create as unknown as CreateResult;
    const args = ['--phase', 'import', '--target', target, '--dir', dir, '--file', file, '--format', format];
    const imported = await child([...args, '--count', String(count), '--batch-size', String(batchSize)]);
    if (!imported.ok) run.error = `import: ${imported.error}`;
    else run.import = imported as unknown as ImportResult;
    run.ok = imported.ok;
  }
  if (!values.keep) await rm(path.dirname(dir), { recursive: true, force: true });
  return run;
}

const runs: BenchRun[] = [];
const attempts: BenchRun[] = [];
const started = performance.now();
try {
  let step = 0;
  for (const { size, format } of plan) {
    const file = path.join(work, `catalog-${size}.${format}`);
    const genStart = performance.now();
    const bytes = await writeCatalog(file, size, format, SEED);
    const base = {
      fileMiB: Math.round((bytes / 1024 ** 2) * 10) / 10,
      generateMs: Math.round(performance.now() - genStart),
    };
    for (const target of targets) {
      const mine: BenchRun[] = [];
      for (let attempt = 1; attempt <= repeat; attempt++) {
        step++;
        process.stderr.write(
          `[${step}/${plan.length * targets.length * repeat}] ${target} ${format} ${size} products … `,
        );
        const dir = path.join(work, `db-${target}-${format}-${size}-${attempt}`, 'pgdata');
        const run = await measure({ ...base, target, format, count: size, ok: false }, file, dir);
        mine.push(run);
        process.stderr.write(run.ok ? `${run.import!.importPerSec} products/s\n` : `FAILED\n  ${run.error}\n`);
      }
      attempts.push(...mine);
      // The table shows the median attempt by import time (or the first failure), with the repeat count.
      const sorted = mine.every((run) => run.ok)
        ? mine.toSorted((a, b) => a.import!.importMs - b.import!.importMs)
        : [];
      runs.push({ ...(sorted[Math.floor((sorted.length - 1) / 2)] ?? mine.find((run) => !run.ok)!), repeats: repeat });
    }
    if (!values.keep) await rm(file, { force: true });
  }
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else process.stderr.write(`kept files in ${work}\n`);
}

const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
process.stdout.write(formatReport(settings, runs, totalSeconds));
const resultsDir = path.join(BENCH_DIR, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, '.gitignore'), '*\n!.gitignore\n');
const resultsFile = path.join(resultsDir, 'import-latest.json');
await writeFile(resultsFile, JSON.stringify({ settings, totalSeconds, runs, attempts }, null, 2) + '\n');
process.stdout.write(`\nresults: ${path.relative(process.cwd(), resultsFile)}\n`);
const failed = runs.filter((run) => !run.ok);
if (failed.length > 0) {
  process.stderr.write(
    `\n${failed.length} run(s) FAILED:\n${failed.map((run) => `  ${run.target} ${run.format} ${run.count}: ${run.error}`).join('\n')}\n`,
  );
  process.exitCode = 1;
}
