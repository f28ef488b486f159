import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks run each step in a fresh process (so peak RSS and warm caches
 * belong to that step alone); the step prints one JSON line, `{ok: true, …}`
 * or `{ok: false, error}`, as its last `{`-line on stdout.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type StepResult<T> = ({ ok: true } & T) | { ok: false; error: string };

/** Runs `script` with tsx and `args`, showing `label … 12.3 s` on stderr; killed after `timeoutMs`. */
export function runChildStep<T>(
  script: string,
  args: string[],
  label: string,
  timeoutMs: number,
): Promise<StepResult<T>> {
  return new Promise((resolve) => {
    const started = performance.now();
    process.stderr.write(`  ${label} … `);
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const line = out
        .trim()
        .split('\n')
        .findLast((text) => text.startsWith('{'));
      try {
        if (line) {
          const parsed = JSON.parse(line);
          process.stderr.write(parsed.ok ? `${seconds} s\n` : `FAILED (${seconds} s)\n`);
          return resolve(parsed);
        }
      } catch {
        // fall through: report the raw output
      }
      const why = signal === 'SIGKILL' ? `killed after ${timeoutMs / 60_000} min` : `exit ${code ?? signal}`;
      process.stderr.write(`FAILED (${why})\n`);
      resolve({ ok: false, error: `no result from child (${why}): ${out.slice(-300)}` });
    });
  });
}

/** The installed version of a package, for the settings printed beside the figures. */
export async function installedVersion(pkg: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  return (manifest as { version: string }).version;
}
