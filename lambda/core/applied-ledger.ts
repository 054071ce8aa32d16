import type { AppliedEntry, AppliedField, AppliedState, PatchField } from './applied.js';
import { splitStale } from './applied.js';
import type { MappedChange, SourcedPatch } from './coalesce.js';
import type { Employment } from './leaver.js';

/** Per message, what the applied store needs: the employee, the business key, the change time. */
export interface Source {
  employeeKey: string;
  key: string;
  at: number;
}

/**
 * What one batch run holds in the applied store (lambda/core/applied.ts): the employees it claimed,
 * with what was applied to them before it; what it will record when it lets them go; and the messages
 * that are done only once that record is written. Empty when the worker has no store (or a dry run),
 * so every rule that reads it then holds within the batch only. `owner` names the run in the leases it
 * takes (a random id, drawn by the caller so this stays free of I/O).
 */
export class AppliedLedger {
  constructor(readonly owner: string) {}

  readonly #sources = new Map<string, Source>();
  readonly #claimed = new Map<string, AppliedState>();
  readonly #entries = new Map<string, AppliedEntry>();
  readonly #doneIds = new Map<string, string[]>();

  /** The employee is this run's until `release`, and this was applied to it before. */
  hold(employeeKey: string, state: AppliedState) {
    this.#claimed.set(employeeKey, state);
    if (this.#entries.has(employeeKey)) return;
    // The stored employment and email are written back as they are unless this run learns newer, so
    // the store can tell from the entry alone whether the record is a leaver's (which never expires).
    const { terminatedAt, returnedAt, userEmail } = state;
    this.#entries.set(employeeKey, {
      employeeKey,
      fields: {},
      ...(terminatedAt === undefined ? {} : { terminatedAt }),
      ...(returnedAt === undefined ? {} : { returnedAt }),
      ...(userEmail === undefined ? {} : { userEmail }),
    });
  }

  stateOf(employeeKey: string): AppliedState | undefined {
    return this.#claimed.get(employeeKey);
  }

  /** Sets what to record for an employee this run holds (the user resolved, employment times). */
  record(employeeKey: string, what: { userId?: number; userEmail?: string } & Employment) {
    const entry = this.#entries.get(employeeKey);
    if (entry) Object.assign(entry, what);
  }

  noteSource(messageId: string, source: Source) {
    this.#sources.set(messageId, source);
  }

  /** The fields of a change that a newer (or this same) change already set; undefined if none is known. */
  splitStale(change: MappedChange) {
    if (this.#claimed.size === 0) return undefined;
    const source = this.#sources.get(change.sourceId);
    if (!source) return undefined;
    return splitStale(change.fields, source.at, source.key, this.#claimed.get(source.employeeKey));
  }

  /** A message whose outcome stands only once its employee's record is written (see `doneIds`). */
  noteDone(employeeKey: string, messageId: string) {
    const ids = this.#doneIds.get(employeeKey);
    if (ids) ids.push(messageId);
    else this.#doneIds.set(employeeKey, [messageId]);
  }

  /** The email Heymarket answered a patch with, for the employees whose messages made it. */
  noteUserEmail(sourceIds: readonly string[], userEmail: string) {
    for (const sourceId of sourceIds) {
      const source = this.#sources.get(sourceId);
      const entry = source && this.#entries.get(source.employeeKey);
      if (entry) entry.userEmail = userEmail;
    }
  }

  /** Only what Heymarket accepted: for each field, the change whose value was sent. */
  noteApplied(patches: readonly SourcedPatch[]) {
    for (const { sourceIds, fieldSources } of patches) {
      for (const sourceId of sourceIds) {
        const source = this.#sources.get(sourceId);
        if (source) this.noteDone(source.employeeKey, sourceId);
      }
      for (const [field, sourceId] of Object.entries(fieldSources) as [PatchField, string][]) {
        const source = this.#sources.get(sourceId);
        const entry = source && this.#entries.get(source.employeeKey);
        if (source && entry) entry.fields[field] = { at: source.at, key: source.key } satisfies AppliedField;
      }
    }
  }

  get entries(): AppliedEntry[] {
    return [...this.#entries.values()];
  }

  /**
   * The messages to deliver again if the employee's record fails: a patch Heymarket accepted, or a
   * termination or return recorded with no call. Sending the same values twice is harmless, while a
   * lost record would let an older change through later.
   */
  doneIds(employeeKey: string): readonly string[] {
    return this.#doneIds.get(employeeKey) ?? [];
  }
}
