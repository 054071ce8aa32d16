import type { Command } from 'commander';
import { reviewCsv, reviewTable } from './access-review-output.js';
import { act, type CliIo, type Outcome } from './command.js';
import { CommandError, NoLocalDataError, UsageError } from './exit-errors.js';
import { OPERATOR_IAM } from './help-text.js';
import { openTarget } from './target.js';
import { addTargetOptions, type TargetOptions, targetFlags } from './target-options.js';

const DESCRIPTION = `The latest access review the reconcile job stored: leavers who still hold a Heymarket seat, employees
in scope with no seat, and seats that match no HR employee (docs/access-review.md). Prints names and work
emails, for the person who must act on them; --json prints the documented contract, --csv one row a finding.

Exit codes: 0 no findings, 3 findings (also when the review is partial or stale), 1 no review yet or it
cannot be read, 2 a usage mistake.`;

/** Exit code when the review holds findings: distinct from a failure (1) and a usage mistake (2). */
export const FINDINGS_EXIT = 3;

interface AccessReviewOptions extends TargetOptions {
  json?: boolean;
  csv?: boolean;
}

export function registerAccessReview(
  program: Command,
  io: CliIo,
  outcome: Outcome,
  now: () => number = Date.now,
): void {
  const command = program
    .command('access-review')
    .summary('leavers with a seat, hires without one, seats with no employee (exit 3 when any)')
    .description(DESCRIPTION);
  addTargetOptions(command, { table: true })
    .option('--json', 'the review as its JSON contract')
    .option('--csv', 'one row a finding, with a header row')
    .addHelpText('after', `\noperator IAM with --stack: ${OPERATOR_IAM['access-review']}`)
    .action(act(command, outcome, (options: AccessReviewOptions) => accessReview(options, io, now)));
}

async function accessReview(options: AccessReviewOptions, io: CliIo, now: () => number): Promise<number> {
  if (options.json && options.csv) throw new UsageError('--json and --csv print different formats: pick one');
  const target = openAccessReviewTarget(options, io);
  const report = await target.latestAccessReview();
  if (!report) {
    throw new CommandError(
      `no access review in ${target.label} yet: it is written by the reconcile job; run one with "hr-sync reconcile" (locally, or with --stack on a deployment) or wait for the scheduled run`,
    );
  }
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else if (options.csv) io.out(reviewCsv(report));
  else io.out(reviewTable(report, target.label, now()));
  return report.findings.length > 0 ? FINDINGS_EXIT : 0;
}

/** No local data at all is no review yet (exit 1), not a usage mistake: the message says how to get one. */
function openAccessReviewTarget(options: AccessReviewOptions, io: CliIo) {
  try {
    return openTarget(targetFlags(options, io), io.env, io.cwd);
  } catch (error) {
    if (!(error instanceof NoLocalDataError)) throw error;
    throw new CommandError(
      `no access review in ${error.dataDir} yet (no local data there): start local mode with npm start in this directory and run "hr-sync reconcile" (or pass --data-dir DIR where it keeps its data); for a deployment, pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)`,
    );
  }
}
