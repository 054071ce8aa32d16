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

/** `<service>-<suffix>`; a 4xx answer other than these is `<service>-<status>` (`heymarket-400`). */
const SERVICE_SUFFIXES = ['429', '5xx', 'timeout', 'network', 'bad-response', 'auth', 'rate-budget'] as const;
const CLIENT_ERROR = /^4\d\d$/;

const named = new Set<string>(NAMED);
const suffixes = new Set<string>(SERVICE_SUFFIXES);

/** What `--error-class` accepts, for the services whose answers become codes of their own. */
export interface ErrorClasses {
  /** The services, in the order they are listed to a person. */
  readonly services: readonly string[];
  isKnown(errorClass: string): boolean;
  /** The classes as a person reads them: the named ones, then the per-service pattern. */
  describe(): string;
  /** The known class `given` is most likely a slip of (`unknown-emial`: `unknown-email`), if any. */
  closest(given: string): string | undefined;
}

/**
 * The catalogue for `services`: the ones whose answers lambda/net/refusal.ts and
 * lambda/heymarket/answer.ts turn into `<service>-<suffix>` codes. The caller names them (the provider
 * registry knows which HR systems have an API), so the core stays free of any vendor.
 */
export function errorClasses(services: readonly string[]): ErrorClasses {
  const serviceOf = (errorClass: string) => services.find((name) => errorClass.startsWith(`${name}-`));
  return {
    services,
    isKnown(errorClass) {
      if (named.has(errorClass)) return true;
      const service = serviceOf(errorClass);
      if (!service) return false;
      const suffix = errorClass.slice(service.length + 1);
      return suffixes.has(suffix) || CLIENT_ERROR.test(suffix);
    },
    describe() {
      return `${NAMED.join(', ')}; and <service>-<4xx status>, <service>-${SERVICE_SUFFIXES.join(
        ', <service>-',
      )}, where <service> is ${services.join(', ')}`;
    },
    closest(given) {
      const expanded = [
        ...NAMED,
        ...services.flatMap((service) => SERVICE_SUFFIXES.map((suffix) => `${service}-${suffix}`)),
      ];
      return closestName(given, expanded);
    },
  };
}
