import { SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';

/**
 * Progress for long-running work, on stderr. On a terminal a bar redraws in
 * place; elsewhere (CI logs, pipes) a line every quarter, so logs stay short.
 */

export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: Writable;
  isTTY: boolean;
  total: number;
  label: string;
  /** Formats `done`/`total` for people, e.g. as megabytes. */
  format?: (value: number) => string;
}

export function createProgress(options: ProgressOptions): Progress {
  const format = options.format ?? String;
  if (options.isTTY) {
    // cli-progress checks isTTY and reads columns from the stream it writes to.
    const stream = Object.assign(options.stream, { isTTY: true, columns: 80 });
    const bar = new SingleBar({
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${options.label} [{bar}] {percentage}% | {shown} | {detail}`,
      hideCursor: false,
      clearOnComplete: false,
      linewrap: false,
    });
    bar.start(options.total, 0, { shown: `0/${format(options.total)}`, detail: '' });
    return {
      update(done, detail = '') {
        bar.update(Math.min(done, options.total), { shown: `${format(done)}/${format(options.total)}`, detail });
      },
      stop: () => bar.stop(),
    };
  }
  let nextQuarter = 1;
  return {
    update(done, detail = '') {
      const quarter = Math.floor((done / Math.max(options.total, 1)) * 4);
      if (quarter >= nextQuarter && quarter < 4) {
        nextQuarter = quarter + 1;
        options.stream.write(
          `${options.label}: ${quarter * 25}% (${format(done)} of ${format(options.total)}) ${detail}\n`,
        );
      }
    },
    stop() {},
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
