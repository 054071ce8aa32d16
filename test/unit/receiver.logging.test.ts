import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadReceiver } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';

const OTHER_SECRET = `whsec_${Buffer.from('a key nobody was given').toString('base64')}`;

function captureLogs() {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return () => lines.join('');
}

describe('what the receiver logs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('is provider, status, counts and event ids; never a body, name, email or secret', async () => {
    // 47 days after the fixtures' event times: the batch's are raised to the 35-day floor, and logged.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-20T00:00:00Z') });
    const { handler, secrets } = await loadReceiver({ logLevel: 'INFO' });
    const logs = captureLogs();
    const batch = fixture('batch.json');
    const invalid = fixture('invalid-email.json');
    const single = fixture('employee-updated.json');
    await handler(apiGatewayEvent({ body: batch, headers: signedHeaders(batch, { id: 'msg_logged' }) }));
    await handler(apiGatewayEvent({ body: invalid, headers: signedHeaders(invalid) }));
    await handler(
      apiGatewayEvent({ body: single, headers: signedHeaders(single, { secret: OTHER_SECRET }) }),
    );
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ bamboohr: 'bamboo-key-Q9' }) });
    // Once the cached secret has expired, the new one lacks the standard key.
    vi.setSystemTime(Date.now() + 600_000);
    await handler(apiGatewayEvent({ body: single, headers: signedHeaders(single) }));

    const output = logs();
    const entries = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.find((entry) => entry.status === 202)).toMatchObject({
      provider: 'standard',
      accepted: 3,
      duplicates: 0,
      eventIds: ['chg-7f3a', 'msg_logged#1', 'msg_logged#2'],
    });
    expect(entries.find((entry) => entry.message.startsWith('event time older'))).toMatchObject({
      provider: 'standard',
      eventIds: ['chg-7f3a', 'msg_logged#1', 'msg_logged#2'],
    });
    expect(entries.flatMap((entry) => entry.status ?? [])).toEqual([202, 400, 401, 500]);
    for (const value of [
      'example.test',
      'Ada',
      'Lovelace',
      'Grace',
      'Hopper',
      'Research',
      'Engineering',
      'Rear Admiral',
      TEST_SECRET.slice('whsec_'.length),
      'bamboo-key-Q9',
    ]) {
      expect(output).not.toContain(value);
    }
  });
});
