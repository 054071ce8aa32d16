/**
 * The fewest calls the batches actually delivered to the worker allow, computed from what each batch
 * held and what earlier batches applied (the applied store's view), for the call-budget test and the
 * bench (bench/worker-efficiency.ts):
 * - HR API reads: one per distinct employee with a thin event, per batch (read before any claim);
 * - `users/get`: ⌈users the batch must read ÷ chunk⌉: an employee whose Heymarket id no earlier batch
 *   resolved, and one whose change sets a role no newer applied change superseded (a role is decided on
 *   the role the user holds now, read in the same batch);
 * - `users/update`: ⌈users with at least one field newer than the one applied ÷ chunk⌉.
 * `claimed: false` marks a change its batch did not hold (employee-busy: another batch held the
 * employee), which reads no user and changes nothing there.
 */
export type FloorField = 'first_name' | 'last_name' | 'role_id';

export interface DeliveredChange {
  employee: string;
  /** Event time, epoch ms; distinct per employee. */
  at: number;
  fields: readonly FloorField[];
  thin?: boolean;
  claimed?: boolean;
}

export interface CallFloors {
  hrReads: number;
  lookups: number;
  updates: number;
}

export function callFloors(batches: readonly (readonly DeliveredChange[])[], chunk: number): CallFloors {
  const remembered = new Set<string>();
  const applied = new Map<string, Map<FloorField, number>>();
  const floors: CallFloors = { hrReads: 0, lookups: 0, updates: 0 };
  for (const batch of batches) {
    floors.hrReads += new Set(batch.filter((change) => change.thin).map((change) => change.employee)).size;
    const claimed = batch.filter((change) => change.claimed !== false);
    const fresh = (change: DeliveredChange, field: FloorField) =>
      change.fields.includes(field) &&
      !((applied.get(change.employee)?.get(field) ?? -Infinity) >= change.at);
    const read = new Set<string>();
    const changed = new Set<string>();
    for (const change of claimed) {
      if (!remembered.has(change.employee) || fresh(change, 'role_id')) read.add(change.employee);
      if (change.fields.some((field) => fresh(change, field))) changed.add(change.employee);
    }
    floors.lookups += Math.ceil(read.size / chunk);
    floors.updates += Math.ceil(changed.size / chunk);
    for (const change of claimed) {
      remembered.add(change.employee);
      const times = applied.get(change.employee) ?? new Map<FloorField, number>();
      for (const field of change.fields) times.set(field, Math.max(times.get(field) ?? -Infinity, change.at));
      applied.set(change.employee, times);
    }
  }
  return floors;
}
