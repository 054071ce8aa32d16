import type { AppliedEntry, AppliedState, PatchField } from '../../lambda/core/applied.js';
import { transient } from '../../lambda/core/errors.js';
import type { AppliedStore, ClaimOutcome, Lease } from '../../lambda/core/ports.js';

/**
 * An in-memory applied store behind the worker's port, with the adapter's rules: a live lease of
 * another owner makes the employee busy, and a field or employment time never moves back. The
 * DynamoDB wire is proven in test/unit/applied-store.test.ts.
 */
export class MemoryAppliedStore implements AppliedStore {
  readonly states = new Map<string, AppliedState>();
  readonly leases = new Map<string, Lease>();
  readonly claimCalls: string[][] = [];
  readonly releaseCalls: AppliedEntry[][] = [];
  claimDown = false;
  releaseDown = false;

  constructor(private readonly now: () => number = Date.now) {}

  async claim(employeeKeys: readonly string[], lease: Lease) {
    this.claimCalls.push([...new Set(employeeKeys)]);
    const outcomes = new Map<string, ClaimOutcome>();
    for (const key of employeeKeys) {
      const held = this.leases.get(key);
      if (this.claimDown) {
        outcomes.set(key, {
          kind: 'failed',
          error: transient('applied-store-unavailable', 'applied-store: UpdateItem (claim) failed'),
        });
      } else if (held && held.owner !== lease.owner && held.until >= this.now()) {
        outcomes.set(key, { kind: 'busy' });
      } else {
        this.leases.set(key, lease);
        outcomes.set(key, {
          kind: 'claimed',
          state: structuredClone(this.states.get(key) ?? { fields: {} }),
        });
      }
    }
    return outcomes;
  }

  async release(entries: readonly AppliedEntry[], owner: string) {
    this.releaseCalls.push(structuredClone([...entries]));
    const failed = new Map<string, ReturnType<typeof transient>>();
    for (const { employeeKey, userId, userEmail, fields, terminatedAt, returnedAt } of entries) {
      if (this.releaseDown) {
        failed.set(employeeKey, transient('applied-store-unavailable', 'applied-store: UpdateItem failed'));
        continue;
      }
      if (this.leases.get(employeeKey)?.owner !== owner) continue;
      this.leases.delete(employeeKey);
      const state = this.states.get(employeeKey) ?? { fields: {} };
      if (userId !== undefined) state.userId = userId;
      if (userEmail !== undefined) state.userEmail = userEmail;
      for (const [name, field] of Object.entries(fields) as [PatchField, { at: number; key: string }][]) {
        const current = state.fields[name];
        if (!current || current.at <= field.at) state.fields[name] = field;
      }
      if (terminatedAt !== undefined) state.terminatedAt = Math.max(state.terminatedAt ?? 0, terminatedAt);
      if (returnedAt !== undefined) state.returnedAt = Math.max(state.returnedAt ?? 0, returnedAt);
      this.states.set(employeeKey, state);
    }
    return failed;
  }
}
