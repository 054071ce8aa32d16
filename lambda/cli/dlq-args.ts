import { InvalidArgumentError } from 'commander';
import { errorClasses } from '../core/error-classes.js';
import { apiProviders } from '../providers/index.js';
import { UsageError } from './exit-errors.js';

export { UsageError };

export type DlqCommand =
  | { name: 'list'; json: boolean; limit: number; queues: QueueFlags }
  | { name: 'show'; id: string; json: boolean; limit: number; queues: QueueFlags }
  | {
      name: 'replay-all';
      rate: number | undefined;
      /** Follow the move task to its end (false with --no-wait). */
      wait: boolean;
      dryRun: boolean;
      json: boolean;
      queues: QueueFlags;
    }
  | {
      name: 'replay';
      errorClass: string | undefined;
      provider: string | undefined;
      employeeId: string | undefined;
      dryRun: boolean;
      json: boolean;
      limit: number;
      queues: QueueFlags;
    };

export interface QueueFlags {
  queueUrl: string | undefined;
  dlqUrl: string | undefined;
  stack: string | undefined;
  /** `--local`: the local host's data (lambda/local/), not a deployment. */
  local?: boolean | undefined;
  /** `--data-dir`: where the local data is (implies --local). */
  dataDir?: string | undefined;
}

export const DEFAULT_LIMIT = 1000;
// SQS accepts 1–500 messages per second for a move task.
export const MAX_RATE = 500;

/** What commander gives `dlq replay` (target.ts flags aside). */
export interface ReplayOptions {
  all?: boolean;
  rate?: number;
  /** `--no-wait` sets it false. */
  wait?: boolean;
  errorClass?: string;
  provider?: string;
  employee?: string;
  dryRun?: boolean;
  json?: boolean;
  limit?: number;
}

/**
 * The classes a dead letter can carry: Heymarket's answers (lambda/heymarket/answer.ts) and each HR
 * API's (lambda/net/refusal.ts, named after its provider) have codes of their own.
 */
export const DEAD_LETTER_CLASSES = errorClasses([
  'heymarket',
  ...apiProviders.map((provider) => provider.name),
]);

/** `--error-class`: one of the classes a dead letter can carry, so a typo selects nothing silently never. */
export function errorClass(value: string): string {
  if (DEAD_LETTER_CLASSES.isKnown(value)) return value;
  const near = DEAD_LETTER_CLASSES.closest(value);
  throw new InvalidArgumentError(
    `no such error class${near ? ` (did you mean ${near}?)` : ''}; the known ones are ${DEAD_LETTER_CLASSES.describe()}`,
  );
}

/** `dlq replay`'s options as one command: --all, or at least one filter, never both. */
export function replayCommand(options: ReplayOptions, queues: QueueFlags): DlqCommand {
  const dryRun = options.dryRun ?? false;
  const json = options.json ?? false;
  const filters = [options.errorClass, options.provider, options.employee];
  if (options.all) {
    if (filters.some((value) => value !== undefined)) {
      throw new UsageError('--all moves everything: leave out --error-class, --provider and --employee');
    }
    if (options.limit !== undefined) throw new UsageError('--limit does not apply to replay --all');
    return { name: 'replay-all', rate: options.rate, wait: options.wait ?? true, dryRun, json, queues };
  }
  if (filters.every((value) => value === undefined)) {
    throw new UsageError('dlq replay needs --all or at least one of --error-class, --provider, --employee');
  }
  if (options.rate !== undefined) throw new UsageError('--rate applies only to replay --all');
  if (options.wait === false) throw new UsageError('--no-wait applies only to replay --all');
  return {
    name: 'replay',
    errorClass: options.errorClass,
    provider: options.provider,
    employeeId: options.employee,
    dryRun,
    json,
    limit: options.limit ?? DEFAULT_LIMIT,
    queues,
  };
}
