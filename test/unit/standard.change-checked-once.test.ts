import { describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { parseStandard } from '../../lambda/providers/standard/webhooks.js';

// parseStandard checks a delivery against its schema once and builds the EmployeeChanges from the
// result without checking them again: these are the edges where a built change could fall outside
// the queue message's schema, if the delivery schema or the webhook-id bound ever drifted from it.
const RECEIVED_AT = '2026-02-01T17:00:05.000Z';
const change = (overrides: Record<string, unknown> = {}) => ({
  type: 'employee.updated',
  occurredAt: '2026-01-31T18:42:00+01:00',
  employee: { id: 'E'.repeat(128), workEmail: `${'a'.repeat(64)}@example.test`, firstName: 'x'.repeat(200) },
  ...overrides,
});
const parse = (body: unknown, webhookId: string) =>
  parseStandard({
    body: Buffer.from(JSON.stringify(body)),
    header: (name) => (name === 'webhook-id' ? webhookId : undefined),
    settings: { enabled: true },
    receivedAt: RECEIVED_AT,
  });
const changesOf = (result: ReturnType<typeof parse>) => (result.kind === 'changes' ? result.changes : []);

describe('a standard change is checked once and is a valid queue message', () => {
  it('builds 500 valid changes from a list of 500 under the longest webhook-id taken', () => {
    const changes = changesOf(
      parse(
        Array.from({ length: 500 }, () => change()),
        'm'.repeat(240),
      ),
    );
    expect(changes).toHaveLength(500);
    for (const built of changes) expect(EmployeeChange.parse(built)).toEqual(built);
    expect(changes.at(-1)?.eventId).toBe(`${'m'.repeat(240)}#499`);
  });

  it('builds a valid change from the longest id a change may carry', () => {
    const [built] = changesOf(parse(change({ id: 'i'.repeat(256) }), 'msg_1'));
    expect(built?.eventId).toBe('i'.repeat(256));
    expect(EmployeeChange.parse(built)).toEqual(built);
  });

  it('leaves out of the change any field the delivery carries that the schema does not name', () => {
    const [built] = changesOf(
      parse(change({ extra: 1, employee: { ...change().employee, salary: 100_000 } }), 'msg_1'),
    );
    expect(built).not.toHaveProperty('extra');
    expect(built?.employee).not.toHaveProperty('salary');
    expect(EmployeeChange.parse(built)).toEqual(built);
  });

  it('refuses a webhook-id one character longer than the longest taken', () => {
    expect(() => parse(change(), 'm'.repeat(241))).toThrow(/webhook-id is over 240 characters/);
  });
});
