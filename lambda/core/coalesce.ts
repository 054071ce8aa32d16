import type { PatchFields, UserPatch } from './user-patch.js';

/** One change already mapped and resolved to its Heymarket user. */
export interface MappedChange {
  /** Identifies the queue message it came from, so the outcome can be reported back to it. */
  sourceId: string;
  userId: number;
  occurredAt: string;
  fields: PatchFields;
}

export interface CoalescedPatch {
  patch: UserPatch;
  sourceIds: string[];
}

/** A coalesced patch that also says which change each field's value came from. */
export interface SourcedPatch extends CoalescedPatch {
  /** Per field of the patch, the `sourceId` of the change whose value was kept. */
  fieldSources: Partial<Record<keyof PatchFields, string>>;
}

/**
 * One patch per Heymarket user: for each field, the value from the newest change that set it
 * (on a tie, the later one in the batch), so an older change never overwrites a newer one.
 */
export function coalesce(changes: readonly MappedChange[]): CoalescedPatch[] {
  return coalesceWithSources(changes).map(({ patch, sourceIds }) => ({ patch, sourceIds }));
}

/** `coalesce`, keeping for each field which change won (what the applied store records). */
export function coalesceWithSources(changes: readonly MappedChange[]): SourcedPatch[] {
  const byUser = new Map<
    number,
    { fields: Map<string, { at: number; value: unknown; sourceId: string }>; sourceIds: string[] }
  >();
  for (const change of changes) {
    const at = Date.parse(change.occurredAt);
    let entry = byUser.get(change.userId);
    if (!entry) {
      entry = { fields: new Map(), sourceIds: [] };
      byUser.set(change.userId, entry);
    }
    entry.sourceIds.push(change.sourceId);
    for (const [name, value] of Object.entries(change.fields)) {
      if (value === undefined) continue;
      const current = entry.fields.get(name);
      if (!current || at >= current.at) entry.fields.set(name, { at, value, sourceId: change.sourceId });
    }
  }
  return [...byUser].map(([id, { fields, sourceIds }]) => ({
    patch: { id, ...Object.fromEntries([...fields].map(([name, { value }]) => [name, value])) } as UserPatch,
    sourceIds,
    fieldSources: Object.fromEntries([...fields].map(([name, { sourceId }]) => [name, sourceId])),
  }));
}
