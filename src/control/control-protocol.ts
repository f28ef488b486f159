/**
 * The local control endpoint lets a second `showroom` command run inside the
 * process that owns the embedded database. One HTTP POST per command, on
 * loopback, with the bearer token from the lock file (readable by the folder's
 * owner only). Request: header `x-showroom-run` (base64 JSON RunRequest),
 * body = the command's stdin. Response: newline-delimited JSON frames.
 */

export const CONTROL_PATH = '/control/run';
export const RUN_HEADER = 'x-showroom-run';

export interface RunRequest {
  argv: string[];
  cwd: string;
  stderrIsTTY: boolean;
}

export type RunFrame = { out: string } | { err: string } | { exit: number };
