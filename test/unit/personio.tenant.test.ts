import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

async function deliver(companyId: string | number | undefined, body: string) {
  const config: ConfigInput = { providers: { personio: { enabled: true, companyId } } };
  const receiver = await loadReceiver({ config, webhookSecrets: { personio: PERSONIO_TOKEN } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

const updated = personioFixture('person-updated.json'); // company_id "81725"

describe('the Personio tenant check', () => {
  it('refuses a delivery for another company with 401, even with the right token, and queues nothing', async () => {
    const { response, messages } = await deliver('99999', updated);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:tenant-mismatch',
      title: 'Signature not valid',
      status: 401,
      detail: 'personio: company_id is not the one configured in providers.personio.companyId',
    });
    expect(response.body).not.toContain('81725');
    expect(messages).toEqual([]);
  });

  it('refuses another company even for an event it would otherwise ignore', async () => {
    const { response } = await deliver(1, personioFixture('document-created.json'));
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['a number', 81725],
    ['a string', '81725'],
  ])('accepts the configured company given as %s, whichever form the body uses', async (_, companyId) => {
    expect((await deliver(companyId, updated)).response.statusCode).toBe(202);
    const asNumber = JSON.stringify({ ...JSON.parse(updated), company_id: 81725 });
    expect((await deliver(companyId, asNumber)).response.statusCode).toBe(202);
  });

  it('accepts any company when none is configured', async () => {
    expect((await deliver(undefined, updated)).response.statusCode).toBe(202);
  });
});
