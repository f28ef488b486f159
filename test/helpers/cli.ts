import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Drives the real `showroom` executable in a child process, as an admin's script would. */

export const BIN = fileURLToPath(new URL('../../bin/showroom.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function tempDir(prefix = 'showroom-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export function cliEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SHOWROOM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...extra };
  // Tests never reach a real server or provider because of the developer's own shell settings.
  for (const name of [
    'DATABASE_URL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'PLANNER',
    'EMBEDDER',
    'TELEGRAM_BOT_TOKEN',
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
  ]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

export function runCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env, cwd: options.cwd, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<number>;
}

/** Starts `showroom start` and waits until it says where it listens. */
export function startServer(env: NodeJS.ProcessEnv, cwd?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /running at (http:\/\/\S+)/.exec(stderr);
      if (match) {
        resolve({
          child,
          url: match[1]!,
          stderr: () => stderr,
          async stop() {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`showroom start exited with ${code} before listening:\n${stderr}`)));
  });
}
