import { employeeKey, isLeaver } from './applied.js';
import type { AppliedLedger } from './applied-ledger.js';
import type { DeadLetterReason } from './dead-letter.js';
import type { Employee, EmployeeChange } from './employee-change.js';

/** The queue message schema: EmployeeChange with `provider` limited to the registered names. */
export interface MessageSchema {
  safeParse(json: unknown): { success: true; data: EmployeeChange } | { success: false };
}

import { permanent, type SyncError } from './errors.js';
import { capEventTime } from './event-time.js';
import { judgeLeavers, type StatusEvent, statusEventOf } from './leaver.js';
import { isTermination, mapToPatch } from './map-to-patch.js';
import type { MappingRules } from './mapping-rules.js';
import type { QueueRecord } from './ports.js';
import type { PatchFields } from './user-patch.js';

/**
 * The worker's batch as plain data, step by step: read the messages, map each change, keep leavers'
 * roles (lambda/core/leaver.ts), then (lambda/core/sync-guard.ts) guard, drop what is stale and
 * coalesce. No step calls out, reads a clock or writes a log: lambda/service/sync-batch.ts does the
 * I/O between them and carries out what each step decided.
 */

export interface WorkItem {
  record: QueueRecord;
  change: EmployeeChange;
}

/** `back`: the employee is back by this change (see `LeaverVerdict`), set by `keepLeaversLeft`. */
export type PlannedChange = WorkItem & { fields: PatchFields; event?: StatusEvent; back?: boolean };

/** A line for the log; the plan decides what is said, the I/O step says it. */
export interface Note {
  level: 'info' | 'warn';
  message: string;
  fields: Record<string, unknown>;
}

/** A message that ends here: dead-lettered or retried, by its error's kind. */
export interface Failure {
  record: QueueRecord;
  error: SyncError;
}

/** What one step decided: what goes on, what failed, each skip's reason, what to log, in order. */
export interface Step<T> {
  items: T[];
  failures: Failure[];
  skipped: string[];
  notes: Note[];
}

export const emptyStep = <T>(items: T[] = []): Step<T> => ({ items, failures: [], skipped: [], notes: [] });

/**
 * The queue consumer is the trust boundary: each body is parsed here, once, with the EmployeeChange
 * schema narrowed to the registered providers (`QueuedChange`, lambda/providers/index.ts). Anything unparseable is permanent (no retry will make it parse); an event time past `nowMs`
 * plus the lead is lowered (see `capEventTime`).
 */
export function readMessages(
  records: readonly QueueRecord[],
  nowMs: number,
  schema: MessageSchema,
): Step<WorkItem> {
  const step = emptyStep<WorkItem>();
  for (const record of records) {
    const parsed = parseMessage(record.body, schema);
    const change = parsed && (capEventTime(parsed, nowMs) ?? parsed);
    const { messageId } = record;
    if (parsed !== change) step.notes.push(note('warn', 'event time later than now, lowered', { messageId }));
    if (change) step.items.push({ record, change });
    else {
      const reason = `message ${messageId} is not a valid EmployeeChange v1`;
      step.failures.push({ record, error: permanent('invalid-message', reason) });
    }
  }
  return step;
}

/** A thin event needs its HR API, unless it is a termination the configuration ignores anyway. */
export const needsFetch = (change: EmployeeChange, rules: Pick<MappingRules, 'termination'>): boolean =>
  change.needsEnrichment && !(isTermination(change) && rules.termination.action === 'ignore');

/** The item with the employee its HR API returned, keeping the id the event named. */
export function withEmployee({ record, change }: WorkItem, fetched: Employee): WorkItem {
  const employee = { ...fetched, id: change.employee.id };
  return { record, change: { ...change, employee, needsEnrichment: false } };
}

/** What each change asks of its user under the rules; a skipped one is counted, unless it is recorded. */
export function planPatches(items: readonly WorkItem[], rules: MappingRules): Step<PlannedChange> {
  const step = emptyStep<PlannedChange>();
  for (const item of items) {
    const mapped = mapToPatch(item.change, rules);
    const event = statusEventOf(item.change);
    if (mapped.kind === 'patch') {
      step.items.push({ ...item, fields: mapped.fields, event });
      continue;
    }
    // An ignored termination, or a bare return, changes no field but is recorded (see keepLeaversLeft).
    if (event === undefined || mapped.reason === 'termination-ignored') step.skipped.push(mapped.reason);
    if (event !== undefined) step.items.push({ ...item, fields: {}, event });
  }
  return step;
}

/**
 * Leavers stay leavers (lambda/core/leaver.ts): drops the role of a change made while the employee
 * had left, notes each rehire, and sets what the applied store will keep. A change left with no
 * field is done here, without a Heymarket call. `leavers`: per employee this batch terminated who is
 * still a leaver after it (`isLeaver`), the newest termination, for the access review.
 */
export function keepLeaversLeft(
  items: readonly PlannedChange[],
  ledger: AppliedLedger,
): Step<PlannedChange> & { rehired: number; leavers: PlannedChange[] } {
  const step = { ...emptyStep<PlannedChange>(), rehired: 0 };
  const keys = items.map(({ change }) => employeeKey(change));
  const { verdicts, employment } = judgeLeavers(
    items.map(({ change, event, fields }, index) => ({
      employeeKey: keys[index] ?? '',
      at: Date.parse(change.occurredAt),
      event,
      setsRole: fields.role_id !== undefined,
    })),
    (key) => ledger.stateOf(key) ?? {},
  );
  for (const [key, times] of employment) ledger.record(key, times);
  for (const [index, item] of items.entries()) {
    const verdict = verdicts[index];
    const messageId = item.record.messageId;
    if (verdict?.rehire) {
      step.rehired += 1;
      step.notes.push(note('info', 'rehire: role changes allowed again', { messageId }));
    }
    let { fields } = item;
    if (verdict && verdict.role !== 'keep') {
      const { role_id: _withheld, ...rest } = fields;
      fields = rest;
      step.skipped.push(verdict.role);
      step.notes.push(note('info', 'role change withheld', { messageId, reason: verdict.role }));
    }
    if (Object.keys(fields).length > 0) step.items.push({ ...item, fields, back: verdict?.back ?? false });
    else if (item.event) ledger.noteDone(keys[index] ?? '', messageId);
  }
  const leavers = new Map<string, PlannedChange>();
  for (const [index, item] of items.entries()) {
    const key = keys[index] ?? '';
    if (item.event !== 'left' || !isLeaver(employment.get(key) ?? {})) continue;
    const newest = leavers.get(key);
    if (!newest || Date.parse(newest.change.occurredAt) <= Date.parse(item.change.occurredAt)) {
      leavers.set(key, item);
    }
  }
  return { ...step, leavers: [...leavers.values()] };
}

/** Permanent and invalid input go to the DLQ; anything else is delivered again by the queue. */
export const goesToDeadLetters = (error: SyncError): boolean =>
  error.kind === 'permanent' || error.kind === 'invalid-input';

/** Why a message was dead-lettered, as the DLQ keeps it beside the unchanged body. */
export const deadLetterReasonOf = (record: QueueRecord, error: SyncError): DeadLetterReason => ({
  errorClass: error.code,
  message: error.message,
  attempt: record.receiveCount,
  firstSeenAt: record.firstSeenAt,
  requestId: error.details.requestId,
});

export const note = (level: Note['level'], message: string, fields: Record<string, unknown>): Note => ({
  level,
  message,
  fields,
});

function parseMessage(body: string, schema: MessageSchema): EmployeeChange | undefined {
  try {
    const result = schema.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
