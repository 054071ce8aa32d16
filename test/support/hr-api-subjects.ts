import { parseConfig } from '../../lambda/config/load.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { hrApis } from '../../lambda/providers/hr-api.js';
import { parseMerge } from '../../lambda/providers/merge/parse.js';
import type { EmployeeSource, HrApi, ListEmployees } from '../../lambda/providers/provider.js';
import { mergeFixture } from './fake-merge.js';
import { BAMBOOHR_SUBJECT } from './hr-api-subjects/bamboohr.js';
import { HIBOB_SUBJECT } from './hr-api-subjects/hibob.js';
import { MERGE_SUBJECT } from './hr-api-subjects/merge.js';
import { PERSONIO_SUBJECT } from './hr-api-subjects/personio.js';
import type { ApiName, Fake, HrApiSubject } from './hr-api-subjects/subject.js';
import { type LogLine, recordingDeps } from './recording.js';

export type { ApiName, Fake, HrApiSubject } from './hr-api-subjects/subject.js';
export { thinChange } from './hr-client-calls.js';

/**
 * The HR API providers the contract suites hr-api.enrich.test.ts and hr-api.list.test.ts run, each as
 * data in hr-api-subjects/<provider>.ts, and the builders those suites use. Its thin changes occurred an
 * hour before NOW: HiBob's stale-read window (hibob.stale-read.test.ts) is long past.
 */
export const NOW = Date.parse('2026-02-06T10:00:00.000Z');

export const HR_API_SUBJECTS: HrApiSubject[] = [
  BAMBOOHR_SUBJECT,
  HIBOB_SUBJECT,
  MERGE_SUBJECT,
  PERSONIO_SUBJECT,
];

/** The requests that carry the API credentials (all but Personio's token call). */
export const apiCalls = (fake: Fake) => fake.requests.filter((request) => request.path !== '/v2/auth/token');

/** The provider's settings as the config schema makes them, pointed at the fake. */
export function settingsFor(provider: ApiName, fake: Fake) {
  return parseConfig({ providers: { [provider]: { enabled: true, apiBaseUrl: fake.url } } }, 'test');
}

/** Merge's own thin change: an unexpanded delivery as its parser reads it. */
export function mergeUnexpanded(settings: unknown): EmployeeChange | undefined {
  const parsed = parseMerge({
    body: Buffer.from(mergeFixture('employee-changed-unexpanded.json')),
    settings: settings as Parameters<typeof parseMerge>[0]['settings'],
    header: () => undefined,
    receivedAt: new Date(NOW).toISOString(),
  });
  return parsed.kind === 'changes' ? parsed.changes[0] : undefined;
}

type Harness<T> = { piece: T; logs: LogLine[]; sleeps: number[] };

/** The provider's HR API from lambda/providers/hr-api.ts, as the worker and the reconcile job reach it. */
function apiOf(subject: HrApiSubject): HrApi {
  if (!Object.hasOwn(hrApis, subject.provider))
    throw new Error(`${subject.provider} has no HR API in hr-api.ts`);
  return hrApis[subject.provider] as HrApi;
}

/** The provider's `source`, built as the worker builds it, with recorded logs. */
export function sourceFor(subject: HrApiSubject, fake: Fake): Harness<EmployeeSource> {
  const { logs, sleeps, deps } = recordingDeps();
  const settings = settingsFor(subject.provider, fake).providers[subject.provider];
  const piece = apiOf(subject).source(settings, subject.credentials, { ...deps, now: () => NOW });
  return { piece, logs, sleeps };
}

/** The provider's `lister`, built as the reconcile job builds it. */
export function listerFor(subject: HrApiSubject, fake: Fake): Harness<ListEmployees> {
  const { logs, sleeps, deps } = recordingDeps();
  const settings = settingsFor(subject.provider, fake).providers[subject.provider];
  const piece = apiOf(subject).lister(settings, subject.credentials, { ...deps, now: () => NOW });
  return { piece, logs, sleeps };
}
