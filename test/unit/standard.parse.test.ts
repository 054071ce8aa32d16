import { describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { parseStandard } from '../../lambda/providers/standard/webhooks.js';
import { fixture } from '../support/standard-webhook.js';

const RECEIVED_AT = '2026-02-01T17:00:05.000Z';
const parse = (body: string, webhookId = 'msg_abc') =>
  parseStandard({
    body: Buffer.from(body),
    header: (name) => (name === 'webhook-id' ? webhookId : undefined),
    settings: { enabled: true },
    receivedAt: RECEIVED_AT,
  });
const changesOf = (result: ReturnType<typeof parse>) => (result.kind === 'changes' ? result.changes : []);

describe('parsing a standard delivery', () => {
  it('turns one change into one EmployeeChange whose event id is the webhook-id', () => {
    const [change, ...rest] = changesOf(parse(fixture('employee-updated.json')));
    expect(rest).toEqual([]);
    expect(EmployeeChange.parse(change)).toEqual(change);
    expect(change).toEqual({
      v: 1,
      provider: 'standard',
      eventId: 'msg_abc',
      type: 'employee.updated',
      occurredAt: '2026-01-31T18:42:00Z',
      receivedAt: RECEIVED_AT,
      needsEnrichment: false,
      employee: {
        id: 'E1001',
        workEmail: 'grace.hopper@example.test',
        firstName: 'Grace',
        lastName: 'Hopper',
        preferredName: 'Amazing Grace',
        jobTitle: 'Rear Admiral',
        department: 'Engineering',
        status: 'active',
      },
    });
  });

  it('uses a change’s own id, else the webhook-id and its position in the list', () => {
    const changes = changesOf(parse(fixture('batch.json')));
    expect(changes.map((change) => change.eventId)).toEqual(['chg-7f3a', 'msg_abc#1', 'msg_abc#2']);
    expect(changes.map((change) => change.type)).toEqual([
      'employee.created',
      'employee.updated',
      'employee.terminated',
    ]);
  });

  it('names the path of an invalid field without quoting its value', () => {
    expect(() => parse(fixture('invalid-email.json'))).toThrow(
      expect.objectContaining({
        kind: 'invalid-input',
        message: 'body: [1].employee.workEmail Invalid email address',
      }),
    );
  });

  it('names a missing field of a single change', () => {
    const body = JSON.stringify({
      type: 'employee.updated',
      occurredAt: '2026-01-01T00:00:00Z',
      employee: {},
    });
    expect(() => parse(body)).toThrow(
      /^body: employee\.id Invalid input: expected string, received undefined; /,
    );
  });

  it('says where malformed JSON breaks, without quoting it', () => {
    let message = '';
    try {
      parse('{"type": "employee.updated", "employee": {"workEmail": secret@example.test}}');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
  });

  it('rejects an empty list and a body that is neither an object nor a list', () => {
    expect(() => parse('[]')).toThrow(/^body: \(root\) Too small/);
    expect(() => parse('"hello"')).toThrow(/^body: \(root\) Invalid input: expected object/);
  });

  it('rejects a webhook-id too long to make event ids from', () => {
    expect(() => parse(fixture('batch.json'), 'x'.repeat(241))).toThrow(
      expect.objectContaining({ kind: 'invalid-input' }),
    );
  });
});
