import type { IncomingHttpHeaders } from 'node:http';
import type { HrisSecrets } from '../../../lambda/config/secrets.js';
import type { Employee } from '../../../lambda/core/employee-change.js';
import type { TransportFault } from '../injected-faults.js';
import type { LogLine } from '../recording.js';

/**
 * Each HR API provider as data, for the contract suites every one of them runs (hr-api.enrich.test.ts,
 * hr-api.list.test.ts): its loopback fake, its invented people, and what its API is expected to see
 * and answer. What only one vendor does is tested in `<provider>.*.test.ts`, not here.
 */
export type ApiName = keyof HrisSecrets;

export interface Fake {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders; authorized: boolean }[];
  close(): Promise<void>;
}

export interface HrApiSubject {
  provider: ApiName;
  /** This provider's entry of the HR-system secret, the one its fake accepts. */
  credentials: NonNullable<HrisSecrets[ApiName]>;
  /** Its fake with the invented people; `email` replaces the read employee's work email. */
  start(options?: { email?: string }): Promise<Fake>;
  /** Its fake with `count` invented employees, enough for several pages where the API pages. */
  crowd(count: number): Promise<Fake>;
  /** The employee read by id, and the Employee it must become. */
  employee: Employee;
  /** The message of the permanent `employee-not-found` for an id the HR system does not have. */
  notFound(id: string): string;
  /** A leaver the fake knows, read as terminated. */
  leaver: string;
  /** The path an employee read of `encoded` (an id already percent-encoded) is sent to. */
  readPath(encoded: string): string;
  /** Every log line of one employee read, in order: each call by method and path template. */
  readLog: LogLine[];
  /** The headers every API call carries for these credentials (Personio: its issued token). */
  sentCredentials(fake: Fake): Record<string, string>;
  /** Every employee the lister yields from `start()`, leavers included, with its status, in the API's order. */
  listed: [string, Employee['status']][];
  /**
   * What the lister says of each leaver of `start()` beyond its status: the termination date where the
   * listing carries one, and whether the HR system deleted the record.
   */
  leavers: Record<string, { terminationDate?: string; deleted?: true }>;
  /** The page sizes the lister yields for `crowd(count)`. */
  crowdPages(count: number): number[];
  /** The log lines the lister writes for `start()`'s list, by message. */
  listLog: { message: string; lines: Record<string, unknown>[] };
  /** Queues a fault on the list call. */
  injectOnList(fake: Fake, fault: TransportFault): void;
  /** The names and emails of `start()`'s people, none of which may be logged. */
  personal: RegExp;
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The log line of a call that answered 200 at once (the clock is fixed, so no latency). */
export function call(provider: ApiName, method: string, path: string): LogLine {
  return {
    level: 'info',
    message: `${provider} call`,
    attributes: { method, path, attempt: 1, status: 200, latencyMs: 0 },
  };
}

/** Page sizes of `count` items `size` a page. */
export function pages(count: number, size: number): number[] {
  return Array.from({ length: Math.ceil(count / size) }, (_, index) => Math.min(size, count - index * size));
}

/** `people` with the work email (field `field`) of person `id` replaced by `email`, when one is given. */
export function withEmail<P extends { id: string }>(
  people: readonly P[],
  id: string,
  field: keyof P & string,
  email: string | undefined,
): P[] {
  return people.map((person) =>
    email !== undefined && person.id === id ? { ...person, [field]: email } : person,
  );
}

/** `count` copies of `person`, each with its own id and, where `field` is given, its own work email. */
export function crowdOf<P>(
  count: number,
  person: P,
  idOf: (index: number) => string,
  field?: keyof P & string,
): P[] {
  return Array.from({ length: count }, (_, index) => ({
    ...person,
    id: idOf(index),
    ...(field === undefined ? {} : { [field]: `person.${index}@example.test` }),
  }));
}

/** Margaret Hamilton as an Employee: both the HiBob and the Personio fakes hold her, under their own ids. */
export const margaret = (id: string): Employee => ({
  id,
  workEmail: 'margaret.hamilton@example.test',
  firstName: 'Margaret',
  lastName: 'Hamilton',
  preferredName: 'Maggie',
  jobTitle: 'Flight Software Lead',
  department: 'Engineering',
  status: 'active',
});
