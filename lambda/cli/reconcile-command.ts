import { type Command, InvalidArgumentError } from 'commander';
import { buildReconcile } from '../app/build-scheduler.js';
import { MAX_RECONCILE_CHANGES } from '../config/schema.js';
import { BUCKET_BURST, SCHEDULER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import type { Log } from '../observability/log.js';
import { act, type CliIo, type Outcome } from './command.js';
import { loadCliConfig } from './config-file.js';
import { UsageError } from './exit-errors.js';
import { OPERATOR_IAM } from './help-text.js';
import { localAdminToken, localHostUrl, requestLocalReconcile } from './local-reconcile.js';
import { describe, outcomeOf, succeeded } from './reconcile-output.js';
import { openReconcileTarget, targetsLocalHost } from './reconcile-target.js';
import { addRegionOption, useRegion } from './target-options.js';

const DESCRIPTION = `Compares the HR systems with Heymarket and enqueues a change for each user whose name or role differs.

Without --stack, asks the running local host (npm start, at PORT and HOST as it reads them) to run the
job with its own configuration, HR credentials, Heymarket and queue, and prints the same counts; the
run goes on in the host if this command is stopped. It sends the admin token the host generated into
its data directory (HR_SYNC_DATA_DIR, default .hr-sync), or HR_SYNC_ADMIN_TOKEN when set.

With --stack, runs the reconcile job here, with your AWS credentials, against a deployed stack: lists
every employee of each enabled HR system that has a list API (BambooHR, HiBob, Personio, Merge), looks
their Heymarket users up (users/get), and enqueues an employee change on the stack's queue for each user
whose name or role differs; the stack's worker applies them. Prints the run's counts (never a name or an email).
Exits 1 when the run went over the cap or an HR system could not be listed.
An HR system without API credentials is skipped, with the reason; that is not a failure.`;

interface ReconcileOptions {
  dryRun?: boolean;
  local?: boolean;
  stack?: string;
  config?: string;
  maxChanges?: number;
  heymarketUrl?: string;
  region?: string;
  json?: boolean;
}

export function registerReconcile(program: Command, io: CliIo, outcome: Outcome): void {
  const command = program
    .command('reconcile')
    .summary('compare the HR systems with Heymarket, enqueue what differs')
    .description(DESCRIPTION);
  command
    .option('--dry-run', 'compare and report; enqueue nothing')
    .option('--local', 'the running local host (the default without --stack and the variables below)')
    .option(
      '--stack <name>',
      "read HeymarketSecretArn, HrisSecretArn and QueueUrl from the stack's outputs (or set HEYMARKET_SECRET_ARN, HRIS_SECRET_ARN, QUEUE_URL)",
    )
    .option(
      '--config <file>',
      'with --stack: the configuration the stack was deployed with (default: hr-sync.config.json here)',
    )
    .option(
      '--max-changes <n>',
      `this run's cap instead of reconcile.maxChanges (0 to ${MAX_RECONCILE_CHANGES}), e.g. for a first sync once a dry run showed the changes are expected; the local host takes no more than its own reconcile.maxChanges`,
      cap,
    )
    .option(
      '--heymarket-url <url>',
      "with --stack: Heymarket's API (or env HEYMARKET_BASE_URL; default https://api.heymarket.com)",
    );
  addRegionOption(command)
    .option('--json', 'machine-readable output')
    .addHelpText('after', `\noperator IAM with --stack: ${OPERATOR_IAM.reconcile}`)
    .action(act(command, outcome, (options: ReconcileOptions) => run(options, io)));
}

async function run(values: ReconcileOptions, io: CliIo): Promise<number> {
  useRegion(values, io);
  const maxChanges = values.maxChanges;
  const dryRun = values.dryRun ?? false;
  if (targetsLocalHost({ stack: values.stack, local: values.local }, io.env)) {
    if (values.config !== undefined || values.heymarketUrl !== undefined) {
      throw new UsageError(
        '--config and --heymarket-url go with --stack: the local host reconciles with the configuration and Heymarket it was started with',
      );
    }
    const url = localHostUrl(io.env, io.cwd);
    const summary = await requestLocalReconcile(
      url,
      { dryRun, ...(maxChanges === undefined ? {} : { maxChanges }) },
      localAdminToken(io.env, io.cwd),
    );
    const outcome = outcomeOf(summary, 'local');
    io.out(
      values.json
        ? JSON.stringify({ target: `local host ${url}`, ...summary, ...outcome }, null, 2)
        : describe(summary, outcome, `the local host at ${url}`).join('\n'),
    );
    return succeeded(summary, outcome) ? 0 : 1;
  }
  const { config, source } = loadCliConfig({ path: values.config, stack: values.stack }, io);
  const target = await openReconcileTarget(
    { stack: values.stack, heymarketUrl: values.heymarketUrl },
    io.env,
  );
  // Warnings (retries, a provider that failed) go to stderr as codes and counts; stdout stays the table.
  const log: Log = {
    info() {},
    warn: (message, attributes) => io.err(`warning: ${message} ${JSON.stringify(attributes)}`),
    error: (message, attributes) => io.err(`error: ${message} ${JSON.stringify(attributes)}`),
  };
  const summary = await buildReconcile({
    config,
    heymarket: {
      baseUrl: target.heymarketBaseUrl,
      credentials: target.heymarketSecret,
      // The operator's run stands in for the scheduler's and takes its share of Heymarket's budget.
      rateLimit: { perMinute: SCHEDULER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
    },
    hrisSecrets: target.hrisSecrets,
    queue: target.queue,
    log,
  })({ dryRun, maxChanges });
  const outcome = outcomeOf(summary, 'stack');
  if (values.json) {
    io.out(JSON.stringify({ target: target.label, config: source, ...summary, ...outcome }, null, 2));
  } else {
    io.out(describe(summary, outcome, `${target.label}, config ${source}`).join('\n'));
  }
  return succeeded(summary, outcome) ? 0 : 1;
}

function cap(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > MAX_RECONCILE_CHANGES) {
    throw new InvalidArgumentError(
      `must be a whole number from 0 to ${MAX_RECONCILE_CHANGES} (got ${value.slice(0, 40)})`,
    );
  }
  return number;
}
