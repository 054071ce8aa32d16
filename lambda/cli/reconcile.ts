import { MAX_RECONCILE_CHANGES } from '../config/schema.js';
import { BUCKET_BURST, SCHEDULER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import type { Log } from '../observability/log.js';
import { type ReconcileSummary, reconcile } from '../service/reconcile.js';
import { reconcileDeps } from '../service/reconcile-deps.js';
import { type Command, columns, parseFlags } from './command.js';
import { loadCliConfig } from './config-file.js';
import { UsageError } from './errors.js';
import { localAdminToken, localHostUrl, requestLocalReconcile } from './local-reconcile.js';
import { openReconcileTarget, targetsLocalHost } from './reconcile-target.js';

const USAGE = `usage: hr-sync reconcile [--dry-run] [--local | --stack NAME] [--config FILE] [--max-changes N] [--json]

Without --stack, asks the running local host (npm start, at PORT and HOST as it reads them) to run the
job with its own configuration, HR credentials, Heymarket and queue, and prints the same counts; the
run goes on in the host if this command is stopped. It sends the admin token the host generated into
its data directory (HR_SYNC_DATA_DIR, default .hr-sync), or HR_SYNC_ADMIN_TOKEN when set.

With --stack, runs the reconcile job here, with your AWS credentials, against a deployed stack: lists
every employee of each enabled HR system that has a list API (BambooHR, HiBob, Personio, Merge), looks
their Heymarket users up (users/get), and enqueues an employee change on the stack's queue for each user
whose name or role differs; the stack's worker applies them. Prints the run's counts (never a name or an email).
Exits 1 when the run went over the cap or an HR system could not be listed.

options:
  --dry-run         compare and report; enqueue nothing
  --local           the running local host (the default without --stack and the variables below)
  --stack NAME      read HeymarketSecretArn, HrisSecretArn and QueueUrl from the stack's outputs
                    (or set HEYMARKET_SECRET_ARN, HRIS_SECRET_ARN, QUEUE_URL)
  --config FILE     the configuration the stack was deployed with (default: hr-sync.config.json here)
  --max-changes N   this run's cap instead of reconcile.maxChanges (at most ${MAX_RECONCILE_CHANGES}), e.g. for
                    a first sync once a dry run showed the changes are expected; the local host
                    takes no more than its own reconcile.maxChanges
  --heymarket-url URL   Heymarket's API (or env HEYMARKET_BASE_URL; default https://api.heymarket.com)
  --json            machine-readable output`;

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: [
    [
      'reconcile [--dry-run] [--local | --stack NAME]',
      'compare the HR systems with Heymarket, enqueue what differs',
    ],
  ],
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      'dry-run': { type: 'boolean' },
      local: { type: 'boolean' },
      stack: { type: 'string' },
      config: { type: 'string' },
      'max-changes': { type: 'string' },
      'heymarket-url': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`reconcile takes no argument (got "${positionals[0]}")`);
    const maxChanges = cap(values['max-changes']);
    const dryRun = values['dry-run'] ?? false;
    if (targetsLocalHost({ stack: values.stack, local: values.local }, io.env)) {
      if (values.config !== undefined || values['heymarket-url'] !== undefined) {
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
      const label = `the local host at ${url}`;
      io.out(
        values.json
          ? JSON.stringify({ target: `local host ${url}`, ...summary }, null, 2)
          : describe(summary, label).join('\n'),
      );
      return succeeded(summary) ? 0 : 1;
    }
    const { config, source } = loadCliConfig(values.config, io.cwd);
    const target = await openReconcileTarget(
      { stack: values.stack, heymarketUrl: values['heymarket-url'] },
      io.env,
    );
    // Warnings (retries, a provider that failed) go to stderr as codes and counts; stdout stays the table.
    const log: Log = {
      info() {},
      warn: (message, attributes) => io.err(`warning: ${message} ${JSON.stringify(attributes)}`),
      error: (message, attributes) => io.err(`error: ${message} ${JSON.stringify(attributes)}`),
    };
    const summary = await reconcile(
      reconcileDeps({
        config,
        heymarketBaseUrl: target.heymarketBaseUrl,
        heymarketSecret: target.heymarketSecret,
        hrisSecrets: target.hrisSecrets,
        queue: target.queue,
        // The operator's run stands in for the scheduler's and takes its share of Heymarket's budget.
        rateLimit: { perMinute: SCHEDULER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
        log,
      }),
      { dryRun, maxChanges },
    );
    const ok = succeeded(summary);
    if (values.json) {
      io.out(JSON.stringify({ target: target.label, config: source, ...summary }, null, 2));
    } else {
      io.out(describe(summary, `${target.label}, config ${source}`).join('\n'));
    }
    return ok ? 0 : 1;
  },
};

/** Exit 0 only for a run that went under the cap and listed every HR system. */
const succeeded = (summary: ReconcileSummary) =>
  summary.capExceeded === undefined && Object.keys(summary.failures).length === 0;

function cap(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > MAX_RECONCILE_CHANGES) {
    throw new UsageError(
      `--max-changes must be a whole number from 0 to ${MAX_RECONCILE_CHANGES} (got ${value})`,
    );
  }
  return number;
}

/** The summary as a two-column table, with why nothing was enqueued when that is the case. */
export function describe(summary: ReconcileSummary, where: string): string[] {
  const byProvider = Object.entries(summary.listedByProvider)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  const reasons = summary.unmatchedByReason;
  const failures = Object.entries(summary.failures);
  return [
    `reconcile${summary.dryRun ? ' (dry run: nothing enqueued)' : ''} against ${where}, run ${summary.runId}`,
    '',
    ...columns([
      ['listed', `${summary.listed}${byProvider ? `  (${byProvider})` : ''}`],
      ['matched', String(summary.matched)],
      ['differing', String(summary.differing)],
      ['enqueued', String(summary.enqueued)],
      [
        'unmatched',
        `${summary.unmatched}  (no work email ${reasons['no-email']}, no Heymarket user ${reasons['no-user']}, override not found ${reasons.override})`,
      ],
      ['skipped by the cap', `${summary.skippedByCap}  (cap ${summary.maxChanges})`],
    ]),
    ...(summary.capExceeded ? ['', summary.capExceeded] : []),
    ...failures.map(([provider, code]) => `not listed: ${provider} (${code}); see the warning above`),
  ];
}
