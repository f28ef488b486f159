import type { Readable, Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { SearchServices } from '../search/search-services.ts';

/**
 * A `showroom` command. The same definition runs in the process that typed
 * it, or inside a running `showroom start` that owns the embedded database
 * (the control endpoint hands it the argv and streams): so it reads and
 * writes only through `io`, and resolves paths against `io.cwd`.
 */

export interface CommandIO {
  cwd: string;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether the person's terminal shows stderr (progress bars redraw in place only then). */
  stderrIsTTY: boolean;
}

export interface Runtime {
  config: Config;
  db: Database;
  log: Logger;
  search: SearchServices;
}

export interface CommandContext {
  io: CommandIO;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  json: boolean;
  /** Opens (or reuses) the database; commands that need none never call it. */
  runtime(): Promise<Runtime>;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Commands that only later work will build; they say so and exit non-zero. */
  notImplemented?: string;
  /** `start` and `chat` load the seed catalog into an empty database. */
  seedsEmptyCatalog?: boolean;
  /** Runs even when the search index was built by another embedder (reindex fixes exactly that). */
  acceptsStaleIndex?: boolean;
  /** Runs for as long as the process lives (start): cannot be handed to another process. */
  longRunning?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

export const JSON_OPTION = { json: { type: 'boolean' } } as const;

export function writeJson(io: CommandIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
