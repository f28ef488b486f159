import http from 'node:http';
import { createInterface } from 'node:readline';
import type { CommandIO } from '../cli/command.ts';
import type { LockInfo } from '../db/data-folder-lock.ts';
import { CONTROL_PATH, RUN_HEADER, type RunFrame, type RunRequest } from './control-protocol.ts';

type Endpoint = NonNullable<LockInfo['endpoint']>;

/** Whether the endpoint answers at all (a stale lock's endpoint does not). */
export function endpointAnswers(endpoint: Endpoint, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(
      { host: endpoint.host, port: endpoint.port, path: '/', method: 'GET', timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

/**
 * Runs argv inside the process behind the endpoint, streaming our stdin to it
 * and its stdout/stderr back. Resolves with the command's exit code.
 */
export function runRemote(endpoint: Endpoint, argv: string[], io: CommandIO, forwardStdin: boolean): Promise<number> {
  const run: RunRequest = { argv, cwd: io.cwd, stderrIsTTY: io.stderrIsTTY };
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: endpoint.host,
      port: endpoint.port,
      path: CONTROL_PATH,
      method: 'POST',
      headers: {
        authorization: `Bearer ${endpoint.token}`,
        [RUN_HEADER]: Buffer.from(JSON.stringify(run)).toString('base64'),
        'content-type': 'application/octet-stream',
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`the running process answered HTTP ${response.statusCode}`));
        return;
      }
      let exit: number | undefined;
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (!line) return;
        const frame = JSON.parse(line) as RunFrame;
        if ('out' in frame) io.stdout.write(frame.out);
        else if ('err' in frame) io.stderr.write(frame.err);
        else exit = frame.exit;
      });
      lines.on('close', () => {
        if (exit === undefined)
          reject(new Error('the running process closed the connection before the command finished'));
        else resolve(exit);
      });
    });
    if (forwardStdin) io.stdin.pipe(request);
    else request.end();
  });
}
