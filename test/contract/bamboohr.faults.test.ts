import { describe, expect, it } from 'vitest';
import {
  BAMBOOHR_CREDENTIALS,
  bamboohrClientFor,
  EMPLOYEES,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import { failure, fastCalls, freshFake, thinChange } from '../support/hr-client-calls.js';

const NOW = Date.parse('2026-01-31T18:42:05.000Z');
const now = () => NOW;
const deadline = NOW + 60_000;

const changeFor = (id: string) =>
  thinChange('bamboohr', id, {
    occurredAt: '2026-01-31T18:42:00.000Z',
    receivedAt: '2026-01-31T18:42:03.000Z',
  });

describe('BambooHR API faults', () => {
  const fake = freshFake(() => startFakeBambooHr({ employees: EMPLOYEES }));
  const fast = fastCalls(now);

  it('refuses a wrong API key once, permanently, as bamboohr-auth, for an operator to fix', async () => {
    const { client } = bamboohrClientFor(fake(), {
      ...fast,
      credentials: { ...BAMBOOHR_CREDENTIALS, apiKey: 'revoked-key' },
    });
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'bamboohr-auth', details: { status: 401 } });
    expect(error.message).toContain('check subdomain and apiKey in the HR-system secret (bamboohr)');
    expect(error.message).not.toContain('revoked-key');
    expect(fake().requests).toHaveLength(1);
    expect(fake().requests[0]?.authorized).toBe(false);
  });

  it('reports an employee BambooHR no longer has as permanent employee-not-found, asked once', async () => {
    const { client } = bamboohrClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor('404404'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'employee-not-found', details: { status: 404 } });
    expect(error.message).toBe('BambooHR has no employee 404404 (404)');
    expect(fake().requests).toHaveLength(1);
  });

  it('retries an answer that is not JSON (XML, when the Accept header was lost) as transient', async () => {
    fake().inject({ kind: 'xml' });
    const { client, sleeps } = bamboohrClientFor(fake(), fast);
    expect((await client.fetchEmployee(changeFor('67890'), { deadline })).id).toBe('67890');
    expect(fake().requests.map((request) => request.fault)).toEqual(['xml', undefined]);
    expect(sleeps).toEqual([250]);
  });

  it('gives up on an answer that stays XML with bamboohr-bad-response, without quoting it', async () => {
    fake().inject({ kind: 'xml' }, 3);
    const { client } = bamboohrClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'bamboohr-bad-response',
      details: { status: 200 },
    });
    expect(error.message).toBe(
      'BambooHR GET /v1/employees/{id} answered 200 for employee 67890 with a body that is not JSON',
    );
  });
});
