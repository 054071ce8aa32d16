import { describe, expect, it } from 'vitest';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../support/fake-merge.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { merge: { enabled: true } } };
const event = JSON.parse(mergeFixture('employee-changed.json'));

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { merge: MERGE_SIGNATURE_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }),
  );
  expect(queuedMessages(receiver.sqs)).toEqual([]);
  return response;
}

describe('a signed Merge delivery that is not a valid webhook body', () => {
  it('is answered 400 when it is not JSON, without quoting the text', async () => {
    const response = await deliver('{"hook": {"event": Employee.changed}}');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
    expect(response.body).not.toContain('Employee.changed');
  });

  it('is answered 400 naming every missing envelope field', async () => {
    const { detail } = problemOf(await deliver(JSON.stringify({ data: event.data })));
    expect(detail).toContain('body: hook ');
    expect(detail).toContain('body: linked_account ');
  });

  it('is answered 400 naming hook.event and linked_account.id when they are missing', async () => {
    const body = { ...event, hook: { id: event.hook.id }, linked_account: { integration: 'BambooHR' } };
    const { detail } = problemOf(await deliver(JSON.stringify(body)));
    expect(detail).toContain('body: hook.event ');
    expect(detail).toContain('body: linked_account.id ');
  });

  it('is answered 400 naming data.id when an Employee event has none', async () => {
    const { id: _, ...withoutId } = event.data;
    const response = await deliver(JSON.stringify({ ...event, data: withoutId }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toContain('body: data.id ');
  });

  it('is answered 400 naming data when an Employee event carries no object', async () => {
    for (const data of [undefined, null, 'id', []]) {
      const response = await deliver(JSON.stringify({ ...event, data }));
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).detail).toMatch(/^body: data /);
    }
  });

  it('is answered 400 naming the field when a value has the wrong type, without quoting it', async () => {
    const response = await deliver(
      JSON.stringify({ ...event, data: { ...event.data, work_email: 42, remote_was_deleted: 'yes' } }),
    );
    const { detail } = problemOf(response);
    expect(detail).toContain('body: data.work_email ');
    expect(detail).toContain('body: data.remote_was_deleted ');
    expect(detail).not.toContain('yes');
  });

  it('is answered 400 when the employee id is over 128 characters', async () => {
    const response = await deliver(
      JSON.stringify({ ...event, data: { ...event.data, id: '9'.repeat(129) } }),
    );
    expect(problemOf(response).detail).toContain('body: data.id ');
  });

  it('is answered 400 when the body is a JSON list or a bare value', async () => {
    expect((await deliver(JSON.stringify([event]))).statusCode).toBe(400);
    expect((await deliver('42')).statusCode).toBe(400);
  });
});
