import { employeeKey } from './applied.js';
import type { EmployeeChange, ProviderName } from './employee-change.js';
import type { UnmatchedReason, Verdict } from './reconcile-compare.js';

/**
 * The reserved key of the one reconcile item in the applied table. Employee keys are
 * `<provider>#<tenant>#<id>` with a provider name, so no employee can take it; the scheduler's IAM
 * policy allows UpdateItem on this key only (`dynamodb:LeadingKeys`).
 */
export const RECONCILE_STATE_KEY = 'reconcile#state';

/** What a run has found so far; carried across the invocations of a resumed run. */
export interface ReconcileCounts {
  listed: number;
  matched: number;
  differing: number;
  unmatched: Record<UnmatchedReason, number>;
  listedByProvider: Partial<Record<ProviderName, number>>;
}

export const emptyCounts = (): ReconcileCounts => ({
  listed: 0,
  matched: 0,
  differing: 0,
  unmatched: { 'no-email': 0, 'no-user': 0, override: 0 },
  listedByProvider: {},
});

/**
 * Where a run stopped, saved when an invocation runs out of time and read back by the next one. The
 * position is a count of employees examined in the listing order of one provider: a listing is read
 * again from its start and the examined ones skipped, since HR cursors may not outlive a day.
 */
export interface ReconcileProgress {
  runId: string;
  /** ISO time the run started (its first invocation). */
  startedAt: string;
  /** Invocations that have worked on the run, this one included once it starts. */
  segment: number;
  providers: ProviderName[];
  /** Index in `providers` of the one in progress; `providers.length` once all are done. */
  providerIndex: number;
  /** Employees of that provider already examined, in its listing order. */
  examined: number;
  counts: ReconcileCounts;
  /** Provider → error code, for providers whose listing failed in this run. */
  failures: Partial<Record<ProviderName, string>>;
  /** The changes to enqueue once the run is complete; emptied (and only counted) once over the cap. */
  pending: EmployeeChange[];
}

export interface ReconcileSummary {
  runId: string;
  /** `interrupted`: out of time, saved, continued by the next run; `busy`: another invocation holds the run. */
  status: 'complete' | 'interrupted' | 'busy';
  dryRun: boolean;
  /** Which invocation of the run this was (1 unless it resumed a saved run). */
  segment: number;
  listed: number;
  matched: number;
  differing: number;
  enqueued: number;
  unmatched: number;
  skippedByCap: number;
  unmatchedByReason: Record<UnmatchedReason, number>;
  listedByProvider: Partial<Record<ProviderName, number>>;
  maxChanges: number;
  /** Why nothing was enqueued, when the run went over the cap. */
  capExceeded?: string;
  /** Provider → error code, for providers whose listing failed (their employees were not compared). */
  failures: Partial<Record<ProviderName, string>>;
}

// A saved run older than this is started afresh: its counts would describe another day.
const MAX_RUN_AGE_MS = 3 * 24 * 60 * 60_000;

/** A run that has examined nothing yet, over `providers` in that order. */
export const freshProgress = (
  runId: string,
  startedAt: string,
  providers: ProviderName[],
): ReconcileProgress => ({
  runId,
  startedAt,
  segment: 0,
  providers,
  providerIndex: 0,
  examined: 0,
  counts: emptyCounts(),
  failures: {},
  pending: [],
});

/**
 * Why a saved run must not be resumed (older than 3 days, or another set of enabled providers), or
 * undefined when it may.
 */
export function staleRunReason(
  progress: ReconcileProgress,
  providers: readonly ProviderName[],
  nowMs: number,
): string | undefined {
  const same = progress.providers.join() === providers.join();
  if (!same) return 'the enabled providers changed';
  return nowMs - Date.parse(progress.startedAt) <= MAX_RUN_AGE_MS ? undefined : 'older than 3 days';
}

/**
 * Counts one verdict into the run and keeps its change for the end of the run. Listed twice (a listing
 * that shifted between two invocations): one change, counted once. Over the cap nothing will be
 * enqueued: the pending changes are dropped and only counting goes on, for the report.
 */
export function tallyVerdict(
  progress: ReconcileProgress,
  pending: Map<string, EmployeeChange>,
  provider: ProviderName,
  verdict: Verdict,
  maxChanges: number,
) {
  const { counts } = progress;
  counts.listed += 1;
  counts.listedByProvider[provider] = (counts.listedByProvider[provider] ?? 0) + 1;
  if (verdict.kind === 'unmatched') {
    counts.unmatched[verdict.reason] += 1;
    return;
  }
  counts.matched += 1;
  if (verdict.kind === 'in-step') return;
  const key = employeeKey(verdict.change);
  if (pending.has(key)) return;
  counts.differing += 1;
  if (counts.differing <= maxChanges) pending.set(key, verdict.change);
  else pending.clear();
}

/** The run's summary so far: complete unless the caller says otherwise, nothing enqueued yet. */
export function summaryOf(
  progress: ReconcileProgress,
  dryRun: boolean,
  maxChanges: number,
): ReconcileSummary {
  const { counts } = progress;
  return {
    runId: progress.runId,
    status: 'complete',
    dryRun,
    segment: progress.segment,
    listed: counts.listed,
    matched: counts.matched,
    differing: counts.differing,
    enqueued: 0,
    unmatched: Object.values(counts.unmatched).reduce((sum, n) => sum + n, 0),
    skippedByCap: 0,
    unmatchedByReason: { ...counts.unmatched },
    listedByProvider: { ...counts.listedByProvider },
    maxChanges,
    failures: { ...progress.failures },
  };
}

/** The summary's counts: what logs and the saved last run hold (never a name, email or id list). */
export function countsOf(summary: ReconcileSummary) {
  const { listed, matched, differing, enqueued, unmatched, skippedByCap } = summary;
  const { unmatchedByReason, listedByProvider, maxChanges } = summary;
  return {
    listed,
    matched,
    differing,
    enqueued,
    unmatched,
    skippedByCap,
    unmatchedByReason,
    listedByProvider,
    maxChanges,
  };
}
