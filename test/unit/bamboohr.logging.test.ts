import { afterEach, describe, expect, it, vi } from 'vitest';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { loadReceiver } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

describe('what the receiver logs about BambooHR deliveries', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is status, counts and event ids; never a name, email, value or the private key', async () => {
    const receiver = await loadReceiver({
      logLevel: 'INFO',
      config: { providers: { bamboohr: { enabled: true } } },
      webhookSecrets: { bamboohr: BAMBOOHR_KEY },
    });
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);

    const send = (body: string, headers = bamboohrHeaders(body)) =>
      receiver.handler(apiGatewayEvent({ provider: 'bamboohr', body, headers }));
    const fat = bamboohrFixture('fields-updated.json');
    const terminated = bamboohrFixture('fields-terminated.json');
    const badTime = JSON.stringify({
      employees: [{ action: 'Updated', id: '12345', timestamp: 'Bryony Okafor', fields: {} }],
    });
    const statuses = [
      (await send(fat)).statusCode,
      (await send(terminated, bamboohrHeaders(terminated, { key: 'wrong' }))).statusCode,
      (await send(badTime)).statusCode,
    ];
    expect(statuses).toEqual([202, 401, 400]);

    const output = lines.join('');
    const entries = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.find((entry) => entry.status === 202)).toMatchObject({
      provider: 'bamboohr',
      accepted: 2,
    });
    for (const value of [
      'example.test',
      'Bryony',
      'Okafor',
      'Tomasz',
      'Aiyana',
      'Support Lead',
      'Customer Success',
      BAMBOOHR_KEY,
    ]) {
      expect(output).not.toContain(value);
    }
  });
});
