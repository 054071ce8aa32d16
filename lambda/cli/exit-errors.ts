/**
 * A usage mistake, exit code 2: printed with the command's usage, unless `showUsage` is false (a
 * missing queue URL or table name, where the message itself says which flag or variable to set).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/**
 * No local data where a command looked, and no deployment named: a usage mistake for most commands,
 * but for `access-review` it means no review exists yet (exit 1), so the data directory is kept.
 */
export class NoLocalDataError extends UsageError {
  constructor(
    message: string,
    readonly dataDir: string,
  ) {
    super(message, false);
  }
}

/** Something a person can fix that is not a usage mistake (a file, a body, a config): exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
