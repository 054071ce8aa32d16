import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../support/fake-hibob.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

async function deliver(companyId: string | number | undefined, body: string) {
  const config: ConfigInput = { providers: { hibob: { enabled: true, companyId } } };
  const receiver = await loadReceiver({ config, webhookSecrets: { hibob: HIBOB_SECRET } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

const updated = hibobFixture('employee-updated.json'); // companyId 636192

describe('the HiBob tenant check', () => {
  it('refuses a delivery for another company with 401, signed or not, and queues nothing', async () => {
    const { response, messages } = await deliver(999999, updated);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:tenant-mismatch',
      title: 'Signature not valid',
      status: 401,
      detail: 'hibob: companyId is not the one configured in providers.hibob.companyId',
    });
    expect(response.body).not.toContain('636192');
    expect(messages).toEqual([]);
  });

  it('refuses another company even for an event it would otherwise ignore', async () => {
    const { response } = await deliver('1', hibobFixture('employee-temporary-leave.json'));
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['a number', 636192],
    ['a string', '636192'],
  ])('accepts the configured company given as %s, whichever form the body uses', async (_, companyId) => {
    expect((await deliver(companyId, updated)).response.statusCode).toBe(202);
    const asString = JSON.stringify({ ...JSON.parse(updated), companyId: '636192' });
    expect((await deliver(companyId, asString)).response.statusCode).toBe(202);
  });

  it('accepts any company when none is configured', async () => {
    expect((await deliver(undefined, updated)).response.statusCode).toBe(202);
  });
});
