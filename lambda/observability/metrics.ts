/**
 * The slice of a metrics library the services use: Powertools Metrics (EMF on stdout) in Lambda,
 * nothing or a recording fake elsewhere. Names are fixed here, once, for the code that counts and
 * for the dashboard that reads (infra/dashboard.ts).
 */
export interface Metrics {
  /** Adds `value` (default 1) to a count, optionally split by one dimension of a few known values. */
  count(name: CountName, value?: number, dimension?: MetricDimension): void;
  /** One duration, in milliseconds. */
  timing(name: TimingName, ms: number): void;
}

export const METRICS_NAMESPACE = 'HeymarketHrSync';

export const COUNT_NAMES = [
  // receiver: per delivery
  'ChangesAccepted',
  'DuplicatesDropped',
  'DeliveriesRejected',
  // a verified delivery acknowledged and dropped: of no use here, or (EventsUnusable, alarmed) about an
  // employee but not usable, such as a Personio employment event that names no person
  'DeliveriesIgnored',
  'EventsUnusable',
  'DeliveriesReplayed',
  'OccurredAtClamped',
  // worker: per batch
  'PatchesApplied',
  'StaleDropped',
  'ChangesRetried',
  'DeadLettered',
  'ChangesWithheld',
  'Rehires',
  // a leaver the batch processed that could not be added to the access review, or whose notice failed
  // (the message is done either way: the next reconcile run finds the leaver)
  'LeaverFindingFailures',
  // Heymarket client: per HTTP request and per in-invocation retry
  'HeymarketCalls',
  'HeymarketRetries',
  // reconcile job: per run, once it is complete (a run resumed over several invocations counts once)
  'ReconcileListed',
  'ReconcileMatched',
  'ReconcileDiffering',
  'ReconcileEnqueued',
  'ReconcileUnmatched',
  'ReconcileSkippedByCap',
  'ReconcileCapExceeded',
  'ReconcileFailures',
  // access review: levels, not events: each is published once per reconcile run that ends with a review
  // (the three lists, how many leavers are overdue, and 1 when the review could not be renewed), and the
  // overdue leavers again by each hourly redrive from the stored review; alarms read them with Maximum
  'AccessReviewLeaversWithSeat',
  'AccessReviewHiresWithoutSeat',
  'AccessReviewSeatsWithoutEmployee',
  'AccessReviewLeaversOverdue',
  'AccessReviewStale',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

export const TIMING_NAMES = ['HeymarketLatency'] as const;
export type TimingName = (typeof TIMING_NAMES)[number];

/**
 * The only dimensions besides `service`: a reason or error class, i.e. a SyncError `code` or a problem
 * code. Each value is its own CloudWatch metric (and bill), so never an id, email or name.
 */
export type DimensionName = 'reason' | 'errorClass';
export interface MetricDimension {
  name: DimensionName;
  value: string;
}

/** Which dimension each split count carries; the others carry only `service`. */
export const DIMENSION_OF: Partial<Record<CountName, DimensionName>> = {
  DeliveriesRejected: 'reason',
  DeliveriesIgnored: 'reason',
  EventsUnusable: 'reason',
  ChangesRetried: 'reason',
  HeymarketRetries: 'reason',
  DeadLettered: 'errorClass',
  ChangesWithheld: 'reason',
};

/** For hosts with nowhere to send metrics (the local host, tests that do not look). */
export const NO_METRICS: Metrics = { count() {}, timing() {} };

// Codes are kebab-case words with at most an HTTP status at the end (`heymarket-429`, `unknown-email`).
const CODE = /^[a-z]+(?:-[a-z]+)*(?:-(?:\d{3}|\dxx))?$/;
// Statuses worth their own line; any other becomes its class (`merge-418` → `merge-4xx`).
const NAMED_STATUSES = new Set(['400', '401', '403', '404', '408', '409', '413', '422', '429']);
const MAX_CODE_LENGTH = 48;

/**
 * A dimension value from a small, closed set, whatever a code holds: codes are built from fixed words
 * and an HTTP status (`<service>-<status>`), so the set is bounded once rare statuses are folded into
 * their class; anything else (never expected) becomes `other` rather than a new metric.
 */
export function boundedCode(code: string): string {
  if (code.length > MAX_CODE_LENGTH || !CODE.test(code)) return 'other';
  return code.replace(/-(\d)(\d\d)$/, (whole, klass: string, rest: string) =>
    NAMED_STATUSES.has(`${klass}${rest}`) ? whole : `-${klass}xx`,
  );
}
