import { describe, expect, it } from 'vitest';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../support/fake-merge.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = {
  providers: { merge: { enabled: true, linkedAccountId: '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60' } },
};

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { merge: MERGE_SIGNATURE_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

const forAccount = (name: string, id: string) => {
  const json = JSON.parse(mergeFixture(name));
  return JSON.stringify({ ...json, linked_account: { ...json.linked_account, id } });
};

describe('a signed Merge delivery for another linked account', () => {
  it('is refused 401 when linked_account.id is not the configured one, naming the setting', async () => {
    const { response, messages } = await deliver(
      forAccount('employee-added.json', '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'),
    );
    expect(response.statusCode).toBe(401);
    const problem = problemOf(response);
    expect(problem).toMatchObject({ type: 'urn:heymarket-hr-sync:tenant-mismatch' });
    expect(problem.detail).toBe(
      'merge: linked_account.id is not the one configured in providers.merge.linkedAccountId',
    );
    expect(response.body).not.toContain('9d8c7b6a');
    expect(messages).toEqual([]);
  });

  it('is refused 401 even when the event is one that would be ignored', async () => {
    const { response } = await deliver(forAccount('linked-account-synced.json', 'another-account'));
    expect(response.statusCode).toBe(401);
  });

  it('is compared exactly: case and whitespace make another account', async () => {
    const upper = '6F1B7A52-3C1E-4F0A-9D2B-7A9E1C4B5D60';
    expect((await deliver(forAccount('employee-added.json', upper))).response.statusCode).toBe(401);
    const padded = ' 6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60';
    expect((await deliver(forAccount('employee-added.json', padded))).response.statusCode).toBe(401);
  });

  it('is accepted for the configured account', async () => {
    const { response, messages } = await deliver(mergeFixture('employee-added.json'));
    expect(response.statusCode).toBe(202);
    expect(messages).toHaveLength(1);
  });
});
