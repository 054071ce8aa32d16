import { hrisVariables } from '../config/local-env.js';
import { ProviderName } from '../providers/index.js';
import type { ReconcileSummary } from '../service/reconcile-run.js';
import { columns } from './command.js';

/** A provider the run did not list, and why, in words a person acts on. */
export interface NotListed {
  code: string;
  reason: string;
}

/** What a run's `failures` mean for the person who ran it: skipped by choice, or failed. */
export interface ReconcileOutcome {
  /** No HR API credentials for it: nothing to list with, so it is left out, and that is not a failure. */
  skipped: Record<string, NotListed>;
  failures: Record<string, NotListed>;
}

// What the reconcile service reports for a provider whose HR API secret entry is absent
// (lambda/app/build-scheduler.ts).
const NO_CREDENTIALS = 'hris-credentials-missing';

export function outcomeOf(summary: ReconcileSummary, where: 'local' | 'stack'): ReconcileOutcome {
  const outcome: ReconcileOutcome = { skipped: {}, failures: {} };
  for (const [provider, code] of Object.entries(summary.failures)) {
    if (code === undefined) continue;
    if (code === NO_CREDENTIALS) outcome.skipped[provider] = { code, reason: noCredentials(provider, where) };
    else outcome.failures[provider] = { code, reason: failed(code, where) };
  }
  return outcome;
}

/** Exit 0 only for a run that went under the cap and listed every HR system it has credentials for. */
export const succeeded = (summary: ReconcileSummary, outcome: ReconcileOutcome) =>
  summary.capExceeded === undefined && Object.keys(outcome.failures).length === 0;

function noCredentials(provider: string, where: 'local' | 'stack'): string {
  const parsed = ProviderName.safeParse(provider);
  const variables = parsed.success ? hrisVariables(parsed.data).join(' and ') : '';
  return where === 'local'
    ? `no HR API credentials: set ${variables || 'its variables'} where the local host runs (environment or .env) and restart it to include it`
    : `the HR API secret (stack output HrisSecretArn) has no "${provider}" entry: put its credentials there to include it (hr-sync secrets check --stack shows the shape)`;
}

function failed(code: string, where: 'local' | 'stack'): string {
  const detail =
    where === 'local' ? "the local host's log has the details" : 'the warning on stderr has the details';
  if (code.endsWith('-auth')) {
    return `the HR system refused the credentials: check them (hr-sync secrets check${where === 'stack' ? ' --stack' : ''}); ${detail}`;
  }
  if (/-(429|5xx|timeout|network|bad-response)$/.test(code)) {
    return `the HR system did not answer as expected: run again later; ${detail}`;
  }
  return detail;
}

/** The summary as a two-column table, then what was skipped or failed and why. */
export function describe(summary: ReconcileSummary, outcome: ReconcileOutcome, where: string): string[] {
  const byProvider = Object.entries(summary.listedByProvider)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  const reasons = summary.unmatchedByReason;
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
    ...Object.entries(outcome.skipped).map(([provider, { reason }]) => `skipped: ${provider}: ${reason}`),
    ...Object.entries(outcome.failures).map(
      ([provider, { code, reason }]) => `not listed: ${provider} (${code}): ${reason}`,
    ),
  ];
}
