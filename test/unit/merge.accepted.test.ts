import { describe, expect, it } from 'vitest';
import { mergeFixture } from '../support/fake-merge.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { merge } from '../support/provider-cases/merge.js';
import { expectQueued, expectQueuedOne, frozenAt, queuedBy } from '../support/provider-cases/queued.js';

const NOW = Date.parse('2026-02-06T10:00:00.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();
const LINKED_ACCOUNT = '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60';
const KATHERINE = '2b7e9c1d-4f3a-4e8b-9a6c-1d2e3f4a5b6c';

const queued = queuedBy('merge', LINKED_ACCOUNT);

const deliver = (body: string, options: { settings?: Record<string, unknown> } = {}) =>
  deliverTo(merge, body, { linkedAccountId: LINKED_ACCOUNT, ...options.settings });

const katherine = {
  id: KATHERINE,
  workEmail: 'katherine.johnson@example.test',
  firstName: 'Katherine',
  lastName: 'Johnson',
  jobTitle: 'Research Mathematician',
  department: 'Engineering',
  status: 'active',
};

// Retries, base64-encoded bodies and header case: test/contract/provider.accepted.test.ts.
describe('a valid Merge Employee delivery', () => {
  frozenAt(NOW);

  it('puts Employee.added on the queue as employee.created with the whole employee, id = sha256 of the body', async () => {
    const body = mergeFixture('employee-added.json');
    const delivered = await deliver(body);
    expectQueuedOne(
      delivered,
      body,
      queued(body, {
        type: 'employee.created',
        occurredAt: '2026-02-01T09:00:00.000Z',
        receivedAt: RECEIVED_AT,
        employee: katherine,
        needsEnrichment: false,
      }),
    );
    expect(delivered.messages[0]?.attributes).toMatchObject({
      provider: { DataType: 'String', StringValue: 'merge' },
    });
  });

  it('turns Employee.changed into employee.updated: preferred name, the employment now in effect, modified_at in ms', async () => {
    const body = mergeFixture('employee-changed.json');
    expectQueued(await deliver(body), [
      queued(body, {
        type: 'employee.updated',
        occurredAt: '2026-02-03T14:30:15.123Z',
        receivedAt: RECEIVED_AT,
        employee: { ...katherine, preferredName: 'Kathy', jobTitle: 'Aerospace Technologist' },
        needsEnrichment: false,
      }),
    ]);
  });

  it('never carries remote_id, personal_email or phone number anywhere in the message', async () => {
    const { messages } = await deliver(mergeFixture('employee-changed.json'));
    const text = JSON.stringify(messages);
    expect(text).not.toContain('kj.home@example.test');
    expect(text).not.toContain('4711');
    expect(text).not.toContain('555 0100');
  });

  it('asks the worker to read an employee whose employments and team came as ids only', async () => {
    const body = mergeFixture('employee-changed-unexpanded.json');
    expectQueued(await deliver(body), [
      queued(body, {
        type: 'employee.updated',
        occurredAt: '2026-02-04T08:15:00.000Z',
        receivedAt: RECEIVED_AT,
        employee: { id: KATHERINE },
        needsEnrichment: true,
      }),
    ]);
  });

  it('takes the unexpanded delivery as it is when enrichUnexpanded is false', async () => {
    const body = mergeFixture('employee-changed-unexpanded.json');
    const { messages } = await deliver(body, { settings: { enrichUnexpanded: false } });
    const { jobTitle: _, department: __, ...withoutRelations } = katherine;
    expect(messages[0]?.body).toMatchObject({ employee: withoutRelations, needsEnrichment: false });
    expect(messages[0]?.body.employee).not.toHaveProperty('jobTitle');
  });

  it('asks the worker to read an employee the delivery names by id only', async () => {
    const json = JSON.parse(mergeFixture('employee-changed.json'));
    const body = JSON.stringify({ ...json, data: { id: KATHERINE, modified_at: '2026-02-05T00:00:00Z' } });
    const { messages } = await deliver(body);
    expect(messages[0]?.body).toMatchObject({
      type: 'employee.updated',
      employee: { id: KATHERINE },
      needsEnrichment: true,
      occurredAt: '2026-02-05T00:00:00.000Z',
    });
  });

  it.each(['employee.changed', 'EMPLOYEE.CHANGED', 'Employee.updated', ' employee.changed '])(
    'reads the event name %j as Employee.changed',
    async (event) => {
      const json = JSON.parse(mergeFixture('employee-changed.json'));
      const body = JSON.stringify({ ...json, hook: { ...json.hook, event } });
      const { response, messages } = await deliver(body);
      expect(response.statusCode).toBe(202);
      expect(messages[0]?.body.type).toBe('employee.updated');
    },
  );

  it('reads employee.created as Employee.added', async () => {
    const json = JSON.parse(mergeFixture('employee-added.json'));
    const body = JSON.stringify({ ...json, hook: { ...json.hook, event: 'employee.created' } });
    const { messages } = await deliver(body);
    expect(messages[0]?.body.type).toBe('employee.created');
  });

  it('falls back to remote_updated_at, then to the arrival time, for occurredAt', async () => {
    const json = JSON.parse(mergeFixture('employee-changed.json'));
    const remote = JSON.stringify({
      ...json,
      data: { ...json.data, modified_at: null, remote_updated_at: '2026-02-02T10:00:00+01:00' },
    });
    expect((await deliver(remote)).messages[0]?.body.occurredAt).toBe('2026-02-02T09:00:00.000Z');
    const none = JSON.stringify({ ...json, data: { ...json.data, modified_at: 'yesterday' } });
    expect((await deliver(none)).messages[0]?.body.occurredAt).toBe(RECEIVED_AT);
  });

  it('accepts any linked account when providers.merge.linkedAccountId is not set', async () => {
    const json = JSON.parse(mergeFixture('employee-added.json'));
    const body = JSON.stringify({
      ...json,
      linked_account: { ...json.linked_account, id: 'another-account' },
    });
    const { response, messages } = await deliver(body, { settings: { linkedAccountId: undefined } });
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body.tenant).toBe('another-account');
  });
});
