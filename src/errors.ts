/**
 * The few kinds of failure Showroom reports. Each carries a string `code` a
 * script can match and a message that says what to do next.
 */

export class ShowroomError extends Error {
  override name = 'ShowroomError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A setting is missing or wrong: start-up stops with this message. */
export class ConfigError extends ShowroomError {
  override name = 'ConfigError';
}

/** The database cannot be opened, migrated or used as asked. */
export class DatabaseError extends ShowroomError {
  override name = 'DatabaseError';
}

/** A command was used wrongly (bad flag, missing file); exit code 2. */
export class UsageError extends ShowroomError {
  override name = 'UsageError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
