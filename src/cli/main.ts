import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config.ts';
import { seedIfEmpty } from '../catalog/seed-catalog.ts';
import { endpointAnswers, runRemote } from '../control/control-client.ts';
import { startControlServer } from '../control/control-server.ts';
import { acquireLock, newControlToken, processIsAlive, type LockInfo } from '../db/data-folder-lock.ts';
import { openDatabase } from '../db/open-database.ts';
import { ShowroomError, UsageError, errorMessage } from '../errors.ts';
import { seedCuratedBundles } from '../bundles/curated-bundles.ts';
import { createLogger } from '../logger.ts';
import { indexProducts, prepareSearchIndex } from '../search/search-index.ts';
import { createSearchServices } from '../search/search-services.ts';
import type { Command, CommandIO, Runtime } from './command.ts';
import { bundleCommand } from './commands/bundle-command.ts';
import { chatCommand } from './commands/chat-command.ts';
import { exportCommand } from './commands/export-command.ts';
import { handoffsCommand } from './commands/handoffs-command.ts';
import { importCommand } from './commands/import-command.ts';
import { plannedCommands } from './commands/planned-commands.ts';
import { startCommand } from './commands/start-command.ts';
import { ratesCommand } from './commands/rates-command.ts';
import { reindexCommand } from './commands/reindex-command.ts';
import { searchCommand } from './commands/search-command.ts';
import { statsCommand } from './commands/stats-command.ts';

export const COMMANDS: Command[] = [
  startCommand,
  importCommand,
  exportCommand,
  searchCommand,
  reindexCommand,
  ratesCommand,
  chatCommand,
  bundleCommand,
  statsCommand,
  handoffsCommand,
  ...plannedCommands,
];

interface Invocation {
  command: Command;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: showroom <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --json for machine-readable output on stdout.',
    'The database is the embedded one in ./data (SHOWROOM_DATA_DIR), or PostgreSQL when DATABASE_URL is set.',
    '',
  ].join('\n');
}

function parseInvocation(argv: string[]): Invocation {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new UsageError('UNKNOWN_COMMAND', `Unknown command "${name}". Run showroom --help to see the commands.`);
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return { command, values: values as Invocation['values'], positionals };
  } catch (error) {
    throw new UsageError('USAGE', `${errorMessage(error)}\nUsage: ${command.usage}`);
  }
}

/** Runs a parsed command and turns any failure into a one-line reason and an exit code. */
async function execute(invocation: Invocation, io: CommandIO, runtime: () => Promise<Runtime>): Promise<number> {
  const { command, values, positionals } = invocation;
  if (command.notImplemented) {
    io.stderr.write(`${command.notImplemented}\n`);
    return 2;
  }
  try {
    return await command.run({ io, values, positionals, json: Boolean(values.json), runtime });
  } catch (error) {
    io.stderr.write(`showroom ${command.name}: ${errorMessage(error)}\n`);
    if (!(error instanceof ShowroomError)) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

export async function main(
  argv: string[],
  io: CommandIO = processIO(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    (argv.length === 0 ? io.stderr : io.stdout).write(usage());
    return argv.length === 0 ? 2 : 0;
  }
  let invocation: Invocation;
  let config: Config;
  try {
    invocation = parseInvocation(argv);
    config = loadConfig(env, io.cwd);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  if (invocation.command.notImplemented) return execute(invocation, io, () => Promise.reject(new Error('unreachable')));
  if (config.db.kind === 'postgres') return runWithOwnDatabase(invocation, io, config);
  return runOnEmbeddedDatabase(argv, invocation, io, config);
}

/** PostgreSQL: every process connects for itself; the server arbitrates. */
async function runWithOwnDatabase(invocation: Invocation, io: CommandIO, config: Config): Promise<number> {
  let runtime: Runtime | undefined;
  const open = async () => (runtime ??= await openRuntime(config, invocation.command));
  try {
    return await execute(invocation, io, open);
  } finally {
    await runtime?.db.close();
  }
}

/**
 * The embedded database is single-process. Take the data folder's lock and run
 * here, serving a control endpoint so later commands can run inside this
 * process; or, if a live process holds it, hand the command to that process.
 */
async function runOnEmbeddedDatabase(
  argv: string[],
  invocation: Invocation,
  io: CommandIO,
  config: Config,
): Promise<number> {
  const token = newControlToken();
  const server = await startControlServer(token);
  const info: LockInfo = {
    pid: process.pid,
    command: `showroom ${argv.join(' ')}`.slice(0, 200),
    startedAt: new Date().toISOString(),
    endpoint: { host: server.host, port: server.port, token },
  };
  const lock = await acquireLock(config.dataDir, info, async (holder) => {
    if (!processIsAlive(holder.pid)) return true;
    return holder.endpoint ? !(await endpointAnswers(holder.endpoint)) : false;
  });
  if (!lock.acquired) {
    await server.close();
    return delegate(argv, invocation, io, config, lock.holder);
  }
  // Opened on first use, so a command that fails on its arguments never waits for the database.
  let opening: Promise<Runtime> | undefined;
  const runtime = () => (opening ??= openRuntime(config, invocation.command));
  server.setHandler(async (remoteArgv, remoteIO) => {
    let remote: Invocation;
    try {
      remote = parseInvocation(remoteArgv);
    } catch (error) {
      remoteIO.stderr.write(`${errorMessage(error)}\n`);
      return 2;
    }
    if (remote.command.longRunning) {
      remoteIO.stderr.write(
        `showroom ${remote.command.name}: already running here (${info.command}, pid ${info.pid}).\n`,
      );
      return 1;
    }
    return execute(remote, remoteIO, runtime);
  });
  try {
    return await execute(invocation, io, runtime);
  } finally {
    await server.close();
    if (opening) await (await opening.catch(() => undefined))?.db.close();
    await lock.release();
  }
}

async function delegate(
  argv: string[],
  invocation: Invocation,
  io: CommandIO,
  config: Config,
  holder: LockInfo,
): Promise<number> {
  const who = `${holder.command} (pid ${holder.pid}, since ${holder.startedAt})`;
  if (invocation.command.longRunning) {
    io.stderr.write(
      `The data folder ${config.dataDir} is already in use by ${who}. Stop that process first, or set SHOWROOM_DATA_DIR to another folder.\n`,
    );
    return 1;
  }
  if (!holder.endpoint) {
    io.stderr.write(
      `The data folder ${config.dataDir} is in use by ${who}, which cannot take commands. Try again when it has finished.\n`,
    );
    return 1;
  }
  try {
    io.stderr.write(`(running inside ${who}, which has the embedded database open)\n`);
    const wantsStdin =
      invocation.positionals.includes('-') || invocation.values.stdin === true || invocation.command.name === 'chat';
    return await runRemote(holder.endpoint, argv, io, wantsStdin);
  } catch (error) {
    io.stderr.write(
      `The data folder ${config.dataDir} is in use by ${who}, and handing it this command failed: ${errorMessage(error)}. ` +
        'Run the command again when that process has finished.\n',
    );
    return 1;
  }
}

async function openRuntime(config: Config, command: Command): Promise<Runtime> {
  const log = createLogger(config);
  const db = await openDatabase(config.db);
  try {
    const search = await createSearchServices(config, db);
    if (!command.acceptsStaleIndex) {
      const indexed = await prepareSearchIndex(db, search);
      if (indexed) log.info({ indexed }, 'indexed products that had no search entry');
    }
    if (command.seedsEmptyCatalog) {
      const report = await seedIfEmpty(db, { onWritten: (tx, ids) => indexProducts(tx, ids, search) });
      if (report) log.info({ created: report.created }, 'loaded the seed catalog into the empty database');
    }
    // Fills an empty table only, with looks whose main SKU is in the catalog.
    const curated = await seedCuratedBundles(db);
    if (curated) log.info({ curated }, 'loaded the curated bundles into the empty table');
    return { config, db, log, search };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
