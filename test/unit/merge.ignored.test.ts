import { describe, expect, it } from 'vitest';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../support/fake-merge.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { merge: { enabled: true } } };

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { merge: MERGE_SIGNATURE_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

const withEvent = (event: string, data: unknown = {}) => {
  const json = JSON.parse(mergeFixture('linked-account-synced.json'));
  return JSON.stringify({ ...json, hook: { ...json.hook, event }, data });
};

describe('a valid Merge delivery this project has no use for', () => {
  it.each([
    ['employment-changed.json', 'Employment.changed'],
    ['linked-account-synced.json', 'LinkedAccount.synced'],
  ])('is acknowledged 200 with the reason, and nothing is queued: %s', async (name, event) => {
    const { response, messages } = await deliver(mergeFixture(name));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ignored: `event ${event} is not an Employee added, changed or removed`,
    });
    expect(messages).toEqual([]);
  });

  it.each([
    'LinkedAccount.fully_synced_initial',
    'Issue.created',
    'Team.changed',
    'Group.removed',
    'Employee.synced',
    'Employee',
    'Employee.changed.extra',
    'Employee.constructor',
    'Employee.__proto__',
    'Employee.toString',
  ])('acknowledges %s without reading data', async (event) => {
    const { response, messages } = await deliver(withEvent(event, 'not an employee'));
    expect(response.statusCode).toBe(200);
    expect(messages).toEqual([]);
  });

  it('does not repeat an event name that is not a plain dotted name', async () => {
    const { response } = await deliver(withEvent('katherine.johnson@example.test <script>'));
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('example.test');
    expect(JSON.parse(response.body).ignored).toContain('(unrecognised)');
  });
});
