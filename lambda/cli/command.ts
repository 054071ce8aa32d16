import { type Command, InvalidArgumentError } from 'commander';
import { UsageError } from './exit-errors.js';

/** What a command reads and writes besides AWS: injected so a test can run it in process. */
export interface CliIo {
  /** One line (or block) on stdout. */
  out(text: string): void;
  /** A note on stderr, kept out of `--json` output. */
  err(text: string): void;
  readStdin(): Promise<Buffer>;
  env: Record<string, string | undefined>;
  cwd: string;
  progressStream?: { isTTY?: boolean; write(text: string): unknown };
}

/** Where a command's action leaves its exit code: commander's actions return nothing. */
export interface Outcome {
  code: number;
}

/** A commander option parser for a whole number of at least 1 (and at most `max`). */
export function positiveInteger(max?: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) {
      throw new InvalidArgumentError(`must be a whole number of at least 1 (got ${value.slice(0, 40)})`);
    }
    if (max !== undefined && number > max) throw new InvalidArgumentError(`must be at most ${max}`);
    return number;
  };
}

/** `key  value` lines, the keys padded to one column. */
export function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`.trimEnd());
}

/**
 * An action's body: its exit code into `outcome`; a UsageError it throws becomes commander's usage
 * error for that command (exit 2, with where its help is), unless the message itself says what to do.
 */
export function act<A extends unknown[]>(
  command: Command,
  outcome: Outcome,
  body: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      outcome.code = await body(...args);
    } catch (error) {
      if (error instanceof UsageError && error.showUsage) {
        command.error(error.message, { exitCode: 2, code: 'hr-sync.usage' });
      }
      throw error;
    }
  };
}
