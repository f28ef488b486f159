// `npm run eval`: search quality over the labeled requests in test/eval/search-queries.jsonl.
// Prints nDCG@10, recall@10 and MRR per language and overall, for each search mode with the
// local embedder and for MiniSearch on the same products, plus results that break a hard
// constraint. Exits 1 if Showroom's hybrid search returns any such result.
import os from 'node:os';
import { openSeedCatalog } from '../helpers/seed-catalog.ts';
import { runBundleEval } from './bundle-eval.ts';
import { evaluateMiniSearch, evaluateShowroom, loadQueries, summarize, type SystemScores } from './search-eval.ts';

const NON_ENGLISH = 'non-English';
const TARGETS = { en: 0.8, rest: 0.7 };

function table(systems: SystemScores[]): string {
  const byLanguage = systems.map((s) => ({ system: s.system, rows: summarize(s.scores, (q) => q.lang) }));
  const groups = systems.map((s) => ({
    system: s.system,
    rows: [...summarize(s.scores, (q) => (q.lang === 'en' ? 'en' : NON_ENGLISH)), ...summarize(s.scores, () => 'all')],
  }));
  const lines: string[] = [];
  const header = ['group', 'n', ...systems.map((s) => `${s.system} nDCG/R@10/MRR/viol`)];
  lines.push(header.map((h, i) => (i === 0 ? h.padEnd(12) : i === 1 ? h.padStart(4) : h.padStart(36))).join(' '));
  const render = (sets: typeof byLanguage) => {
    for (let r = 0; r < sets[0]!.rows.length; r++) {
      const first = sets[0]!.rows[r]!;
      const cells = sets.map(({ rows }) => {
        const x = rows[r]!;
        return `${x.ndcg.toFixed(3)} / ${x.recall.toFixed(3)} / ${x.mrr.toFixed(3)} / ${x.violations}`.padStart(36);
      });
      lines.push([first.group.padEnd(12), String(first.queries).padStart(4), ...cells].join(' '));
    }
  };
  render(byLanguage);
  lines.push('-'.repeat(lines[0]!.length));
  render(groups);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const queries = await loadQueries();
  const started = Date.now();
  const catalog = await openSeedCatalog();
  const systems: SystemScores[] = [];
  for (const mode of ['vector', 'text', 'hybrid'] as const)
    systems.push(await evaluateShowroom(catalog, queries, mode));
  systems.push(evaluateMiniSearch(catalog.products, queries));
  await catalog.close();

  const active = catalog.products.filter((p) => p.status === 'active').length;
  console.log('Search quality eval');
  console.log(
    `settings: ${queries.length} queries, ${active} active seed products, embedder ${catalog.embedder.id} (${catalog.embedder.dimensions} dims), k=10, ` +
      `PGlite in memory, node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`,
  );
  console.log('OpenAI embedder: not evaluated (no OPENAI_API_KEY; the eval never calls the network).');
  console.log(
    'recall@10 = fully relevant results in the top 10 / min(10, fully relevant in the catalog); viol = results breaking a stated hard constraint\n',
  );
  console.log(table(systems));

  const hybrid = systems.find((s) => s.system === 'showroom hybrid')!;
  const groups = summarize(hybrid.scores, (q) => (q.lang === 'en' ? 'en' : NON_ENGLISH));
  const en = groups.find((g) => g.group === 'en');
  const rest = groups.find((g) => g.group === NON_ENGLISH);
  const violationsTotal = hybrid.scores.reduce((sum, s) => sum + s.violations, 0);
  console.log(
    `\ntargets (hybrid, local embedder): en nDCG@10 ${en?.ndcg.toFixed(3)} (≥ ${TARGETS.en}: ${en && en.ndcg >= TARGETS.en ? 'met' : 'MISSED'}), ` +
      `non-English ${rest?.ndcg.toFixed(3)} (≥ ${TARGETS.rest}: ${rest && rest.ndcg >= TARGETS.rest ? 'met' : 'MISSED'}), ` +
      `constraint violations ${violationsTotal} (0: ${violationsTotal === 0 ? 'met' : 'MISSED'})`,
  );
  const mini = summarize(systems.at(-1)!.scores, (q) => q.lang);
  const beaten = summarize(hybrid.scores, (q) => q.lang).filter(
    (g) => g.ndcg > (mini.find((m) => m.group === g.group)?.ndcg ?? 0),
  );
  console.log(`hybrid beats MiniSearch on nDCG@10 in ${beaten.length} of ${mini.length} languages`);
  const worst = [...hybrid.scores].sort((a, b) => a.ndcg - b.ndcg).slice(0, 8);
  console.log(`\nweakest hybrid queries: ${worst.map((s) => `${s.id} ${s.ndcg.toFixed(2)}`).join(', ')}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const bundles = await runBundleEval();
  console.log(`\n${bundles.table}`);
  return violationsTotal === 0 && bundles.violations === 0 ? 0 : 1;
}

process.exitCode = await main();
