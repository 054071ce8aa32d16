import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { BY_TITLE, deliverTo } from '../support/provider-cases/index.js';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

// What every provider's valid delivery gets; how each vendor's events map to changes is the vendor's
// own (test/unit/<provider>.accepted.test.ts, <provider>.termination.test.ts).
describe.each(BY_TITLE)('a valid %s delivery', (_title, provider) => {
  const { accepted } = provider;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(accepted.now);
  });
  afterEach(() => vi.useRealTimers());

  it('gives the same event id to a retry of the same body, so the worker can drop it', async () => {
    const { body, headers = [provider.headers(body), provider.headers(body)] } = accepted.retry;
    const first = await deliverTo(provider, body, accepted.settings, headers[0]);
    const second = await deliverTo(provider, body, accepted.settings, headers[1]);
    expect(first.messages).toHaveLength(1);
    expect(second.messages[0]?.body.eventId).toBe(first.messages[0]?.body.eventId);
  });

  it('is verified and read on its decoded bytes when API Gateway base64-encodes it', async () => {
    const { body, queued } = accepted.encoded;
    expect(body.toString()).toContain('Zoë');
    const { response, messages } = await deliverTo(provider, body, accepted.settings, undefined, true);
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body.eventId).toBe(sha256(body));
    expect(EmployeeChange.safeParse(messages[0]?.body).success).toBe(true);
    if (queued !== undefined) expect(messages[0]?.body).toMatchObject(queued);
  });

  it(`finds the signature header whatever its case: ${accepted.headerCase.label}`, async () => {
    for (const headers of accepted.headerCase.headers) {
      const { response } = await deliverTo(provider, accepted.headerCase.body, accepted.settings, headers);
      expect(response.statusCode).toBe(202);
    }
  });
});
