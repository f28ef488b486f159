import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';

/** Bolt and its WebClient log through the process's pino logger, so their lines are JSON on stderr like ours. */
export function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    // The level is LOG_LEVEL's, set once for the whole process.
    setLevel: () => undefined,
    getLevel: () =>
      log.isLevelEnabled('debug')
        ? LogLevel.DEBUG
        : log.isLevelEnabled('info')
          ? LogLevel.INFO
          : log.isLevelEnabled('warn')
            ? LogLevel.WARN
            : LogLevel.ERROR,
    setName: () => undefined,
  };
}
