import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

async function deliver(companyId: string | number | undefined, body: string) {
  const config: ConfigInput = { providers: { bamboohr: { enabled: true, companyId } } };
  const receiver = await loadReceiver({ config, webhookSecrets: { bamboohr: BAMBOOHR_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

const updated = bamboohrFixture('event-employee-updated.json'); // companyId "12345"

describe('the BambooHR tenant check', () => {
  it('refuses a delivery for another company with 401, correctly signed or not, and queues nothing', async () => {
    const { response, messages } = await deliver('99999', updated);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:tenant-mismatch',
      title: 'Signature not valid',
      status: 401,
      detail: 'bamboohr: data.companyId is not the one configured in providers.bamboohr.companyId',
    });
    expect(response.body).not.toContain('12345');
    expect(messages).toEqual([]);
  });

  it('refuses another company even for an event type it would otherwise ignore', async () => {
    const body = JSON.stringify({ ...JSON.parse(updated), type: 'timeOff.requested' });
    expect((await deliver('99999', body)).response.statusCode).toBe(401);
  });

  it('refuses an event with no companyId when one is configured', async () => {
    const json = JSON.parse(updated);
    delete json.data.companyId;
    const { response } = await deliver('12345', JSON.stringify(json));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe(
      'bamboohr: data.companyId is missing and providers.bamboohr.companyId requires one',
    );
  });

  it.each([
    ['a number', 12345],
    ['a string', '12345'],
  ])('accepts the configured company given as %s, whichever form the body uses', async (_, companyId) => {
    expect((await deliver(companyId, updated)).response.statusCode).toBe(202);
    const asNumber = JSON.stringify({ ...JSON.parse(updated), data: { companyId: 12345, employeeId: '1' } });
    expect((await deliver(companyId, asNumber)).response.statusCode).toBe(202);
  });

  it('accepts any company when none is configured', async () => {
    expect((await deliver(undefined, updated)).response.statusCode).toBe(202);
  });

  it('lets field-based deliveries through, which name no company (the URL and key route them)', async () => {
    const { response } = await deliver('12345', bamboohrFixture('fields-updated.json'));
    expect(response.statusCode).toBe(202);
  });
});
