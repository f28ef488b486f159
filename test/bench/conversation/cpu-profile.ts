import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A V8 CPU profile of a stretch of work, summed by self time per function and
 * per area of the code (our modules, PGlite's JS and its WebAssembly Postgres,
 * i18next, GC), so the report can say which function the time goes to
 * without anyone opening DevTools.
 */

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  areas: ProfileRow[];
  functions: ProfileRow[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return `V8 ${name}`;
  if (url.startsWith('wasm://')) return 'PGlite WebAssembly (Postgres)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (file.includes('node_modules/@electric-sql/pglite')) return 'PGlite JS';
  if (file.includes('node_modules/i18next')) return 'i18next';
  if (file.includes('node_modules/')) return `node_modules/${file.split('node_modules/')[1]!.split('/')[0]}`;
  if (file.startsWith(ROOT)) {
    const relative = path.relative(ROOT, file);
    return path.dirname(relative).startsWith('src') ? path.dirname(relative) : relative.split('/')[0]!;
  }
  return file ? 'node internals' : 'other';
}

function location(url: string, name: string, line: number): string {
  if (url.startsWith('wasm://')) return `wasm ${name || '(anonymous)'}`;
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const shown = file.startsWith(ROOT) ? path.relative(ROOT, file) : file.replace(/.*node_modules\//, '');
  return `${name || '(anonymous)'} ${shown ? `${shown}:${line + 1}` : ''}`.trim();
}

export async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let profile: CpuProfile | undefined;
  try {
    const result = await run();
    ({ profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile });
    return { result, summary: summarize(profile) };
  } finally {
    if (!profile) await session.post('Profiler.stop').catch(() => {});
    session.disconnect();
  }
}

function summarize(profile: CpuProfile, top = 20): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    totalMs += ms;
    const where = area(url, functionName);
    areas.set(where, (areas.get(where) ?? 0) + ms);
    const name = location(url, functionName, lineNumber);
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const rows = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / totalMs }));
  return { totalMs: Math.round(totalMs), areas: rows(areas, 12), functions: rows(functions, top) };
}
