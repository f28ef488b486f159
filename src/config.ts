import path from 'node:path';
import { z } from 'zod';
import type { LlmPlannerOptions } from './conversation/llm/llm-planner.ts';
import { ConfigError } from './errors.ts';
import type { SalesDestination } from './handoff/desk-state.ts';
import { parseWorkingHours, type WorkingHours } from './handoff/working-hours.ts';

/**
 * Every environment variable Showroom reads, parsed once. The README's
 * configuration table lists the same variables; keep the two together.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PLANNERS = ['auto', 'offline', 'llm'] as const;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const httpUrl = (hint: string) =>
  optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), {
    message: `expected an http(s) URL; ${hint}`,
  });

const envSchema = z.object({
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
    message: 'expected postgres://user:password@host:5432/dbname; unset it to use the embedded database',
  }),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'expected a whole number of connections, e.g. 10' })
    .int({ message: 'expected a whole number of connections, e.g. 10' })
    .min(1, { message: 'expected at least 1 connection' })
    .max(200, { message: 'expected at most 200 connections' })
    .default(10),
  SHOWROOM_DATA_DIR: z.string().trim().min(1).default('./data'),
  PGLITE_CACHE_MB: z.coerce
    .number({ message: 'expected MiB of page cache, e.g. 512' })
    .int({ message: 'expected whole MiB, e.g. 512' })
    .min(16, { message: 'expected at least 16 (MiB)' })
    .max(2048, { message: 'expected at most 2048 (MiB): PGlite runs in 32-bit WebAssembly memory' })
    .optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'expected a TCP port number, e.g. 3000' })
    .int({ message: 'expected a TCP port number, e.g. 3000' })
    .min(0, { message: 'expected a TCP port from 0 to 65535' })
    .max(65535, { message: 'expected a TCP port from 0 to 65535' })
    .default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl('e.g. https://api.openai.com/v1 or your self-hosted server'),
  OPENAI_CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  PLANNER: z
    .enum(PLANNERS, { message: 'expected auto (llm when OPENAI_API_KEY is set), offline or llm' })
    .default('auto'),
  OPENAI_VISION_MODEL: optionalText,
  OPENAI_TEMPERATURE: z.coerce
    .number({ message: 'expected a number from 0 to 2, e.g. 0.2' })
    .min(0, { message: 'expected a number from 0 to 2, e.g. 0.2' })
    .max(2, { message: 'expected a number from 0 to 2, e.g. 0.2' })
    .default(0.2),
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ message: 'expected milliseconds, e.g. 20000' })
    .int({ message: 'expected whole milliseconds, e.g. 20000' })
    .min(500, { message: 'expected at least 500 ms' })
    .max(300_000, { message: 'expected at most 300000 ms (5 minutes)' })
    .default(20_000),
  LLM_TURN_TOKEN_BUDGET: z.coerce
    .number({ message: 'expected a whole number of tokens, e.g. 8000' })
    .int({ message: 'expected a whole number of tokens, e.g. 8000' })
    .min(1000, { message: 'expected at least 1000 tokens (the system prompt and tools alone take about 1000)' })
    .max(1_000_000, { message: 'expected at most 1000000 tokens' })
    .default(8000),
  EMBEDDER: z
    .enum(['local', 'openai'], { message: 'expected local or openai; changing it needs `showroom reindex`' })
    .default('local'),
  EMBEDDING_DIMENSIONS: z.coerce
    .number({ message: 'expected a whole number of dimensions, e.g. 1536' })
    .int({ message: 'expected a whole number of dimensions, e.g. 1536' })
    .min(8, { message: 'expected at least 8 dimensions' })
    .max(2000, { message: 'expected at most 2000 dimensions (the HNSW index limit)' })
    .default(1536),
  SHOWROOM_LEXICON_DIR: optionalText,
  TELEGRAM_BOT_TOKEN: optionalText.refine((value) => value === undefined || /^\d+:[\w-]{20,}$/.test(value), {
    message: 'expected a token from @BotFather, like 123456789:AA…',
  }),
  TELEGRAM_API_ROOT: httpUrl('e.g. https://api.telegram.org or a self-hosted Bot API server').default(
    'https://api.telegram.org',
  ),
  TELEGRAM_MODE: z
    .enum(['polling', 'webhook'], { message: 'expected polling (default) or webhook' })
    .default('polling'),
  TELEGRAM_WEBHOOK_SECRET: optionalText.refine((value) => value === undefined || /^[\w-]{1,256}$/.test(value), {
    message: 'expected 1–256 letters, digits, _ or - (generate one with `openssl rand -hex 32`)',
  }),
  TELEGRAM_WEBHOOK_URL: httpUrl('the public https address Telegram posts to, ending in TELEGRAM_WEBHOOK_PATH'),
  TELEGRAM_WEBHOOK_PATH: z
    .string()
    .trim()
    .regex(/^\/[\w/-]*$/, { message: 'expected a path such as /telegram/webhook' })
    .default('/telegram/webhook'),
  SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xoxb-'), {
    message: 'expected a bot token starting with xoxb- (Slack app → OAuth & Permissions)',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_MODE: z
    .enum(['http', 'socket'], { message: 'expected http (Slack posts to /slack/events) or socket (Socket Mode)' })
    .default('http'),
  SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'expected an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens)',
  }),
  SLACK_API_URL: httpUrl('e.g. https://slack.com/api/').default('https://slack.com/api/'),
  MAX_MESSAGE_CHARS: z.coerce
    .number({ message: 'expected a whole number of characters, e.g. 4000' })
    .int({ message: 'expected a whole number of characters, e.g. 4000' })
    .min(100, { message: 'expected at least 100 characters' })
    .max(40000, { message: 'expected at most 40000 characters' })
    .default(4000),
  BUYER_MESSAGES_PER_MINUTE: z.coerce
    .number({ message: 'expected a whole number of messages, e.g. 20' })
    .int({ message: 'expected a whole number of messages, e.g. 20' })
    .min(1, { message: 'expected at least 1 message per minute' })
    .default(20),
  SALES_SLACK_CHANNEL: optionalText.refine((value) => value === undefined || /^[CG][A-Z0-9]{6,}$/.test(value), {
    message: 'expected a Slack channel id like C0123ABCD (channel details → About → Channel ID), not its #name',
  }),
  SALES_TELEGRAM_CHAT: optionalText.refine((value) => value === undefined || /^-\d{5,}$/.test(value), {
    message: 'expected a Telegram group id like -1001234567890 (negative; see docs/sales-desk.md to find it)',
  }),
  SALES_SLACK_MENTION: z.string().trim().default('<!here>'),
  SALES_TELEGRAM_MENTION: optionalText,
  SALES_HOURS: z.string().trim().min(1).default('mon-fri 09:00-18:00'),
  SALES_TIMEZONE: z.string().trim().min(1).default('Asia/Shanghai'),
  HANDOFF_REMIND_MINUTES: z.coerce
    .number({ message: 'expected whole minutes, e.g. 15' })
    .int({ message: 'expected whole minutes, e.g. 15' })
    .min(1, { message: 'expected at least 1 minute' })
    .max(10080, { message: 'expected at most 10080 minutes (a week)' })
    .default(15),
  HANDOFF_ESCALATE_MINUTES: z.coerce
    .number({ message: 'expected whole minutes, e.g. 60' })
    .int({ message: 'expected whole minutes, e.g. 60' })
    .min(1, { message: 'expected at least 1 minute' })
    .max(10080, { message: 'expected at most 10080 minutes (a week)' })
    .default(60),
  HANDOFF_OFFER_QUANTITY: z.coerce
    .number({ message: 'expected a whole number of pieces, e.g. 1000' })
    .int({ message: 'expected a whole number of pieces, e.g. 1000' })
    .min(1, { message: 'expected at least 1 piece' })
    .default(1000),
  ADMIN_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 16, {
    message: 'expected at least 16 characters; generate one with `openssl rand -hex 24`',
  }),
});

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string; /** shared_buffers in MiB; unset: sized from the database */ cacheMb?: number }
  | { kind: 'postgres'; url: string; poolSize: number };

/** Which planner answers buyers; the LLM one falls back to the offline one turn by turn. */
export type PlannerConfig = { kind: 'offline' } | ({ kind: 'llm' } & LlmPlannerOptions);

export interface Config {
  /** Folder for the embedded database and the running process's lock file. */
  dataDir: string;
  db: DatabaseConfig;
  http: { host: string; port: number };
  logLevel: (typeof LOG_LEVELS)[number];
  openai: { apiKey?: string; baseUrl?: string; chatModel: string; embeddingModel: string };
  planner: PlannerConfig;
  /** Chosen explicitly, never by the presence of a key: switching means a reindex. */
  embedder: { kind: 'local' } | { kind: 'openai'; model: string; dimensions: number };
  /** Extra lexicon folders merged over seed/lexicon. */
  lexiconDirs: string[];
  telegram: {
    botToken?: string;
    apiRoot: string;
    mode: 'polling' | 'webhook';
    webhook: { path: string; secret?: string; url?: string };
  };
  slack: { botToken?: string; signingSecret?: string; apiUrl: string; mode: 'http' | 'socket'; appToken?: string };
  adminToken?: string;
  /** the sales desk: where hand-off cards go, the team's hours, SLA timers, when the bot offers a rep */
  sales: {
    destinations: SalesDestination[];
    hours: WorkingHours;
    remindAfterMinutes: number;
    escalateAfterMinutes: number;
    offerQuantity: number;
  };
  /** what one buyer may send: longest message planned, messages per minute */
  limits: { maxMessageChars: number; messagesPerMinute: number };
}

/** Parses the environment; a bad value throws a ConfigError naming each variable and what to do. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const given = env[name];
      const shown = given === undefined ? '' : ` (got ${JSON.stringify(maskSecret(name, given))})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError('CONFIG_INVALID', `Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_MODE === 'webhook' && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook (Telegram sends it with every update; generate one with `openssl rand -hex 32`)',
    );
  }
  if (e.SLACK_BOT_TOKEN && e.SLACK_MODE === 'socket' && !e.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  SLACK_APP_TOKEN: required when SLACK_MODE=socket (Slack app → Basic Information → App-Level Tokens, scope connections:write)',
    );
  }
  if (e.SLACK_BOT_TOKEN && e.SLACK_MODE === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Slack app → Basic Information → Signing Secret)',
    );
  }
  if (e.EMBEDDER === 'openai' && !e.OPENAI_API_KEY) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  OPENAI_API_KEY: required when EMBEDDER=openai (any non-empty value for a self-hosted server that ignores it)',
    );
  }
  if (e.PLANNER === 'llm' && !e.OPENAI_API_KEY) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  OPENAI_API_KEY: required when PLANNER=llm (any non-empty value for a self-hosted server that ignores it); or set PLANNER=offline',
    );
  }
  if (e.SALES_SLACK_CHANNEL && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  SALES_SLACK_CHANNEL: hand-off cards are posted by the Slack app; set SLACK_BOT_TOKEN too (or unset SALES_SLACK_CHANNEL)',
    );
  }
  if (e.SALES_TELEGRAM_CHAT && !e.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  SALES_TELEGRAM_CHAT: hand-off cards are posted by the Telegram bot; set TELEGRAM_BOT_TOKEN too (or unset SALES_TELEGRAM_CHAT)',
    );
  }
  if (e.HANDOFF_ESCALATE_MINUTES <= e.HANDOFF_REMIND_MINUTES) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  HANDOFF_ESCALATE_MINUTES: must be more than HANDOFF_REMIND_MINUTES (${e.HANDOFF_REMIND_MINUTES}): the reminder comes first, then the escalation`,
    );
  }
  let hours: WorkingHours;
  try {
    hours = parseWorkingHours(e.SALES_HOURS, e.SALES_TIMEZONE);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `Invalid configuration:\n  ${(error as Error).message}`);
  }
  const dataDir = path.resolve(cwd, e.SHOWROOM_DATA_DIR);
  return {
    dataDir,
    db: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir, ...(e.PGLITE_CACHE_MB ? { cacheMb: e.PGLITE_CACHE_MB } : {}) },
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
    },
    planner:
      e.PLANNER !== 'offline' && e.OPENAI_API_KEY
        ? {
            kind: 'llm',
            apiKey: e.OPENAI_API_KEY,
            ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}),
            model: e.OPENAI_CHAT_MODEL,
            visionModel: e.OPENAI_VISION_MODEL ?? e.OPENAI_CHAT_MODEL,
            temperature: e.OPENAI_TEMPERATURE,
            timeoutMs: e.OPENAI_TIMEOUT_MS,
            turnTokenBudget: e.LLM_TURN_TOKEN_BUDGET,
          }
        : { kind: 'offline' },
    embedder:
      e.EMBEDDER === 'openai'
        ? { kind: 'openai', model: e.OPENAI_EMBEDDING_MODEL, dimensions: e.EMBEDDING_DIMENSIONS }
        : { kind: 'local' },
    lexiconDirs: e.SHOWROOM_LEXICON_DIR ? [path.resolve(cwd, e.SHOWROOM_LEXICON_DIR)] : [],
    telegram: {
      botToken: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      mode: e.TELEGRAM_MODE,
      webhook: { path: e.TELEGRAM_WEBHOOK_PATH, secret: e.TELEGRAM_WEBHOOK_SECRET, url: e.TELEGRAM_WEBHOOK_URL },
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_MODE,
      appToken: e.SLACK_APP_TOKEN,
    },
    adminToken: e.ADMIN_TOKEN,
    sales: {
      destinations: [
        ...(e.SALES_SLACK_CHANNEL
          ? [
              {
                platform: 'slack' as const,
                chatId: e.SALES_SLACK_CHANNEL,
                ...(e.SALES_SLACK_MENTION ? { mention: e.SALES_SLACK_MENTION } : {}),
              },
            ]
          : []),
        ...(e.SALES_TELEGRAM_CHAT
          ? [
              {
                platform: 'telegram' as const,
                chatId: e.SALES_TELEGRAM_CHAT,
                ...(e.SALES_TELEGRAM_MENTION ? { mention: e.SALES_TELEGRAM_MENTION } : {}),
              },
            ]
          : []),
      ],
      hours,
      remindAfterMinutes: e.HANDOFF_REMIND_MINUTES,
      escalateAfterMinutes: e.HANDOFF_ESCALATE_MINUTES,
      offerQuantity: e.HANDOFF_OFFER_QUANTITY,
    },
    limits: { maxMessageChars: e.MAX_MESSAGE_CHARS, messagesPerMinute: e.BUYER_MESSAGES_PER_MINUTE },
  };
}

function maskSecret(name: string, value: string): string {
  if (!/TOKEN|SECRET|KEY|URL/.test(name) || value.length <= 8) return value;
  return name === 'DATABASE_URL' ? value.replace(/:[^:@/]*@/, ':***@') : `${value.slice(0, 4)}…`;
}
