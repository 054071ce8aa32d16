import { type Command, Option } from 'commander';
import { ProviderName } from '../providers/index.js';
import { act, type CliIo, type Outcome, positiveInteger } from './command.js';
import { runDlqCommand } from './dlq-actions.js';
import {
  DEFAULT_LIMIT,
  type DlqCommand,
  errorClass,
  MAX_RATE,
  type ReplayOptions,
  replayCommand,
} from './dlq-args.js';
import { OPERATOR_IAM } from './help-text.js';
import { openTarget } from './target.js';
import { addTargetOptions, type TargetOptions, targetFlags } from './target-options.js';

interface ReadOptions extends TargetOptions {
  limit?: number;
  json?: boolean;
}

/** `hr-sync dlq list|show|replay`: the dead-letter queue of a stack or of the local host. */
export function registerDlq(program: Command, io: CliIo, outcome: Outcome): void {
  const dlq = program
    .command('dlq')
    .summary('list, show and replay dead-lettered messages')
    .description(
      'The dead-letter queue: changes the worker could not apply, with the reason beside each. list and show read\nand release (nothing is deleted); replay moves messages back to the main queue.',
    )
    .addHelpText('after', `\noperator IAM with --stack: ${OPERATOR_IAM.dlq}`);

  const run = (command: DlqCommand, options: TargetOptions) =>
    runDlqCommand(command, {
      target: openTarget(targetFlags(options, io), io.env, io.cwd),
      out: io.out,
      ...(io.progressStream ? { progressStream: io.progressStream } : {}),
    });
  const limit = () =>
    new Option('--limit <n>', `messages to examine (default ${DEFAULT_LIMIT})`).argParser(positiveInteger());
  /** `list` and `show` take the same options: where, how many to examine, and --json. */
  const reading = (command: Command) =>
    addTargetOptions(command, { table: false })
      .addOption(limit())
      .option('--json', 'machine-readable output');

  const list = dlq
    .command('list')
    .summary('each dead letter (message id, event id, provider, error class, age) and counts')
    .description(
      'Each dead-lettered message: its message id, event id, provider, error class and age (since the worker\ndead-lettered it), then the counts by error class and by provider. Deletes nothing.',
    );
  reading(list).action(
    act(list, outcome, (options: ReadOptions) => run({ name: 'list', ...read(options) }, options)),
  );

  const show = dlq
    .command('show')
    .argument('<id>', 'a message id or an event id, as dlq list prints them')
    .summary("one message's reason and ids, by message id or event id")
    .description(
      "One dead-lettered message's reason and ids (never a name or an email), by its message id or its event id:\na replayed message gets a new message id, its event id stays.",
    );
  reading(show).action(
    act(show, outcome, (id: string, options: ReadOptions) =>
      run({ name: 'show', id, ...read(options) }, options),
    ),
  );

  const replay = dlq
    .command('replay')
    .summary('move messages back to the main queue (--all, or by error class, provider, employee)')
    .description(
      'Moves dead letters back to the main queue, replayCount + 1 on each. --all moves everything (SQS\nStartMessageMoveTask; locally in one transaction) and waits for the end, showing progress; the filters\nmove only the matching messages.',
    );
  addTargetOptions(replay, { table: false })
    .option('--all', 'move everything')
    .option(
      '--rate <n>',
      `with --all: messages a second, at most ${MAX_RATE} (SQS's default without it)`,
      positiveInteger(MAX_RATE),
    )
    .option('--no-wait', 'with --all: start the move and exit')
    .option('--error-class <class>', 'only messages of this error class (dlq list shows them)', errorClass)
    .addOption(
      new Option('--provider <name>', 'only messages from this HR system').choices(ProviderName.options),
    )
    .option('--employee <id>', "only this employee's messages (the HR system's employee id)")
    .option('--dry-run', 'say what would move; move nothing')
    .addOption(limit())
    .option('--json', 'machine-readable output')
    .action(
      act(replay, outcome, (options: ReplayOptions & TargetOptions) =>
        run(replayCommand(options, queues(options)), options),
      ),
    );
}

function read(options: ReadOptions) {
  return { json: options.json ?? false, limit: options.limit ?? DEFAULT_LIMIT, queues: queues(options) };
}

function queues(options: TargetOptions): DlqCommand['queues'] {
  return {
    queueUrl: options.queueUrl,
    dlqUrl: options.dlqUrl,
    stack: options.stack,
    local: options.local,
    dataDir: options.dataDir,
  };
}
