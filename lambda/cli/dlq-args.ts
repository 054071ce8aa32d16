import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export { UsageError };

export const USAGE = `usage: hr-sync dlq <command> [options]

commands:
  list                         count dead-lettered messages by error class and provider (deletes nothing)
  show <messageId>             the attributes and ids of one message (never names or emails)
  replay --all [--rate N] [--no-wait]
                               move everything back to the main queue (SQS StartMessageMoveTask, N msg/s);
                               waits for the task to end, showing progress (--no-wait: start it and exit)
  replay [--error-class X] [--provider Y] [--employee Z]
                               move back only the matching messages (replayCount + 1 on each)

options:
  --queue-url URL   main queue (or env QUEUE_URL)        --dlq-url URL   DLQ (or env DLQ_URL)
  --stack NAME      read QueueUrl/DlqUrl from the CloudFormation stack's outputs
  --local           the local host's queues (npm start), also while it runs; the default when none of the
                    above is given and .hr-sync/ holds its data. replay --all then moves all at once, as a
                    replay does (replayCount + 1); --rate does not apply
  --data-dir DIR    where the local data is (implies --local; or env HR_SYNC_DATA_DIR; default .hr-sync)
  --limit N         messages to examine (default 1000)   --dry-run       say what would move, move nothing
  --json            machine-readable output              -h, --help      this text`;

export type DlqCommand =
  | { name: 'help' }
  | { name: 'list'; json: boolean; limit: number; queues: QueueFlags }
  | { name: 'show'; messageId: string; json: boolean; limit: number; queues: QueueFlags }
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

const DEFAULT_LIMIT = 1000;
// SQS accepts 1–500 messages per second for a move task.
const MAX_RATE = 500;

/** `argv` without node and the script: `['dlq', 'list', '--json']`. */
export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { name: 'help' };
  const [group, command, ...rest] = positionals;
  if (group !== 'dlq') throw new UsageError(`unknown command "${group}": the only one is "dlq"`);
  const queues = {
    queueUrl: values['queue-url'],
    dlqUrl: values['dlq-url'],
    stack: values.stack,
    local: values.local,
    dataDir: values['data-dir'],
  };
  const json = values.json ?? false;
  const dryRun = values['dry-run'] ?? false;
  const limit = positiveInteger('--limit', values.limit) ?? DEFAULT_LIMIT;
  switch (command) {
    case 'list':
      return { name: 'list', json, limit, queues };
    case 'show': {
      const messageId = rest[0];
      if (!messageId) throw new UsageError('dlq show needs a message id (from "dlq list" or the console)');
      return { name: 'show', messageId, json, limit, queues };
    }
    case 'replay': {
      const filters = [values['error-class'], values.provider, values.employee];
      if (values.all) {
        if (filters.some((value) => value !== undefined)) {
          throw new UsageError('--all moves everything: leave out --error-class, --provider and --employee');
        }
        const rate = positiveInteger('--rate', values.rate);
        if (rate !== undefined && rate > MAX_RATE) throw new UsageError(`--rate must be at most ${MAX_RATE}`);
        return { name: 'replay-all', rate, wait: !values['no-wait'], dryRun, json, queues };
      }
      if (filters.every((value) => value === undefined)) {
        throw new UsageError(
          'dlq replay needs --all or at least one of --error-class, --provider, --employee',
        );
      }
      if (values.rate !== undefined) throw new UsageError('--rate applies only to replay --all');
      if (values['no-wait']) throw new UsageError('--no-wait applies only to replay --all');
      return {
        name: 'replay',
        errorClass: values['error-class'],
        provider: values.provider,
        employeeId: values.employee,
        dryRun,
        json,
        limit,
        queues,
      };
    }
    default:
      throw new UsageError(`unknown dlq command "${command ?? ''}": use list, show or replay`);
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      all: { type: 'boolean' },
      rate: { type: 'string' },
      // Declared as its own flag: Node 20's parseArgs has no `allowNegative`.
      'no-wait': { type: 'boolean' },
      limit: { type: 'string' },
      'error-class': { type: 'string' },
      provider: { type: 'string' },
      employee: { type: 'string' },
      'queue-url': { type: 'string' },
      'dlq-url': { type: 'string' },
      stack: { type: 'string' },
      local: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
  });
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1 (got ${value})`);
  }
  return number;
}
