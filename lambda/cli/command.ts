import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

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

export interface Command {
  /** As typed after `hr-sync`: `map`, `secrets`, `status`, `dlq`. */
  name: string;
  /** Its lines in `hr-sync help`: `[synopsis, what it does]`. */
  summary: readonly (readonly [string, string])[];
  usage: string;
  /** `argv` after the command name; returns the exit code. Throws UsageError for a usage mistake. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` whose mistakes are UsageErrors (printed with the usage, exit 2). */
export function parseFlags<O extends Options>(
  argv: readonly string[],
  options: O,
  // Spelt out for the build's declarations (tsconfig.build.json): the inferred type names a type
  // node:util does not export.
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function positiveInteger(flag: string, value: string | undefined, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1 (got ${value})`);
  }
  if (max !== undefined && number > max) throw new UsageError(`${flag} must be at most ${max}`);
  return number;
}

/** `key  value` lines, the keys padded to one column. */
export function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`.trimEnd());
}
