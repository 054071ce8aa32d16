import type { RecordedRequest } from '../test/support/fake-heymarket.js';

/** The requests a worker invocation sent: fake Heymarket indexes from `from` up to, not including, `to`. */
export interface Span {
  from: number;
  to: number;
}

type Patch = { id: number; first_name?: string; last_name?: string; role_id?: number };
const FIELDS = ['first_name', 'last_name', 'role_id'] as const;
type Carried = { fields: Omit<Patch, 'id'>; span: Span };

/**
 * 429-answered requests the client sent again rather than dropped. A worker's user patch leads back
 * to the queued changes that carry its values for that user (name values even name the employee and
 * version, test/support/fault-plan.ts): each change carrying one of them that the invocation then
 * running completed must have had that value carried to that user again, by a later workers' request
 * answered 200 before the invocation ended (the client's retry), unless that invocation had already
 * carried it there in a 200 of its own (invocations overlap: the span may be another container's). A
 * change completed in a later invocation was handed back and delivered again (the client gave up): it may then be sent, or be
 * found older than what was since applied. So a newer change for the same user does not count as the
 * retry, nor does the reconcile writing the same value. The scheduler's patches need a later 200 patch
 * of its own with every field the same; a lookup, each email looked up again by the same sender; the
 * team, the same call again.
 *
 * `completedIn`: for each queued message body the workers completed, the span of that invocation.
 */
export function retriedAfter429(
  requests: readonly RecordedRequest[],
  completedIn: ReadonlyMap<string, Span>,
  options: {
    workerSecretId: string;
    userIdByEmail: ReadonlyMap<string, number>;
    roleByDepartment: ReadonlyMap<string, number>;
  },
): number {
  const sender = (r: RecordedRequest) => (r.auth.ok ? r.auth.iss : '');
  const carried = new Map<number, Carried[]>();
  for (const [body, span] of completedIn) {
    const { employee: e } = JSON.parse(body) as {
      employee?: { workEmail?: string; firstName?: string; lastName?: string; department?: string };
    };
    const id = e?.workEmail === undefined ? undefined : options.userIdByEmail.get(e.workEmail.toLowerCase());
    if (id === undefined) continue;
    const role = e?.department === undefined ? undefined : options.roleByDepartment.get(e.department);
    const list = carried.get(id) ?? [];
    list.push({ span, fields: { first_name: e?.firstName, last_name: e?.lastName, role_id: role } });
    carried.set(id, list);
  }
  const patchesTo = new Map<string, { index: number; patch: Patch }[]>();
  const lastAsked = new Map<string, number>();
  for (const r of requests) {
    if (r.status !== 200) continue;
    for (const patch of patchesIn(r)) {
      const key = `${sender(r)} ${patch.id}`;
      const list = patchesTo.get(key) ?? [];
      list.push({ index: r.index, patch });
      patchesTo.set(key, list);
    }
    for (const key of askedIn(r)) lastAsked.set(`${sender(r)} ${key}`, r.index);
  }
  const laterPatches = (r: RecordedRequest, id: number, before = Number.POSITIVE_INFINITY) =>
    (patchesTo.get(`${sender(r)} ${id}`) ?? []).filter(
      (later) => later.index > r.index && later.index < before,
    );

  const patchSentAgain = (r: RecordedRequest, patch: Patch) => {
    if (sender(r) !== options.workerSecretId)
      return laterPatches(r, patch.id).some((later) =>
        FIELDS.every((field) => later.patch[field] === patch[field] || patch[field] === undefined),
      );
    return FIELDS.every((field) => {
      const value = patch[field];
      if (value === undefined) return true;
      const carriers = (carried.get(patch.id) ?? []).filter((c) => c.fields[field] === value);
      if (carriers.length === 0) return false; // never completed: counted as lost
      // Invocations overlap in time, so a span holding `r` may be another container's, one that
      // carried the value for this user in a 200 of its own before `r` went out: that one needs no retry.
      const sent = (from: number, to: number) =>
        (patchesTo.get(`${sender(r)} ${patch.id}`) ?? []).some(
          (other) => other.index >= from && other.index < to && other.patch[field] === value,
        );
      return carriers
        .filter(({ span }) => span.from <= r.index && r.index < span.to)
        .every(({ span }) => sent(r.index + 1, span.to) || sent(span.from, r.index));
    });
  };
  return requests.filter(
    (r) =>
      r.status === 429 &&
      patchesIn(r).every((patch) => patchSentAgain(r, patch)) &&
      askedIn(r).every((key) => (lastAsked.get(`${sender(r)} ${key}`) ?? -1) > r.index),
  ).length;
}

const patchesIn = (request: RecordedRequest): Patch[] =>
  request.path === '/v1/users/update' ? ((request.body as { users?: Patch[] } | undefined)?.users ?? []) : [];

/** What a request other than an update asks for: one key per email looked up, or the call itself. */
function askedIn(request: RecordedRequest): string[] {
  if (request.path === '/v1/users/update') return [];
  if (request.path === '/v1/users/get')
    return ((request.body as { email?: unknown[] } | undefined)?.email ?? []).map(
      (email) => `get ${String(email)}`,
    );
  return [`${request.method} ${request.path} ${JSON.stringify(request.body ?? null)}`];
}
