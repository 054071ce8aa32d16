import { closestName } from './closest-name.js';

/**
 * Every `errorClass` a dead-lettered message can carry: the `code` of the SyncError the worker failed
 * with (lambda/service/batch-run.ts `fail`). `hr-sync dlq replay --error-class` accepts only these, so
 * a typo is told at once instead of selecting nothing. test/unit/error-classes.catalogue.test.ts reads
 * the sources and fails when a code is thrown that is not listed here.
 */
const NAMED = [
  'applied-store-unavailable',
  'body-invalid',
  'deadline',
  'delivery-store-unavailable',
  'dlq-unavailable',
  'employee-busy',
  'employee-not-found',
  'enrichment-unavailable',
  'heymarket-rejected',
  'heymarket-unknown-id',
  'hr-stale-read',
  'hris-credentials-missing',
  'invalid-change',
  'invalid-message',
  'invalid-user-id',
  'list-unavailable',
  'message-too-large',
  'no-work-email',
  'occurred-in-future',
  'queue-unavailable',
  'secret-access-denied',
  'secret-invalid',
  'secret-not-found',
  'secrets-unavailable',
  'unexpected',
  'unknown-email',
] as const;

/** The services whose answers become codes of their own (lambda/net/refusal.ts, lambda/heymarket/answer.ts). */
export const SERVICES = ['heymarket', 'bamboohr', 'hibob', 'merge', 'personio'] as const;
/** `<service>-<suffix>`; a 4xx answer other than these is `<service>-<status>` (`heymarket-400`). */
const SERVICE_SUFFIXES = ['429', '5xx', 'timeout', 'network', 'bad-response', 'auth', 'rate-budget'] as const;
const CLIENT_ERROR = /^4\d\d$/;

const named = new Set<string>(NAMED);
const suffixes = new Set<string>(SERVICE_SUFFIXES);

export function isKnownErrorClass(errorClass: string): boolean {
  if (named.has(errorClass)) return true;
  const service = SERVICES.find((name) => errorClass.startsWith(`${name}-`));
  if (!service) return false;
  const suffix = errorClass.slice(service.length + 1);
  return suffixes.has(suffix) || CLIENT_ERROR.test(suffix);
}

/** The classes as a person reads them: the named ones, then the per-service pattern. */
export function describeErrorClasses(): string {
  return `${NAMED.join(', ')}; and <service>-<4xx status>, <service>-${SERVICE_SUFFIXES.join(
    `, <service>-`,
  )}, where <service> is ${SERVICES.join(', ')}`;
}

/** The known class `given` is most likely a slip of (`unknown-emial`: `unknown-email`), if any. */
export function closestErrorClass(given: string): string | undefined {
  const expanded = [
    ...NAMED,
    ...SERVICES.flatMap((service) => SERVICE_SUFFIXES.map((suffix) => `${service}-${suffix}`)),
  ];
  return closestName(given, expanded);
}
