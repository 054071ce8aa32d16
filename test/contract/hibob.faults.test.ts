import { describe, expect, it } from 'vitest';
import { hibobClientFor, PEOPLE, startFakeHiBob } from '../support/fake-hibob.js';
import { failure, fastCalls, freshFake, thinChange } from '../support/hr-client-calls.js';

const MARGARET = '3332883884017713238';
const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const now = () => Date.parse(OCCURRED_AT) + 3_000;
const deadline = now() + 60_000;

const changeFor = (id: string, occurredAt = OCCURRED_AT) => thinChange('hibob', id, { occurredAt });

describe('HiBob people API faults', () => {
  const fake = freshFake(() => startFakeHiBob({ people: PEOPLE }));
  const fast = fastCalls(now);

  it('refuses wrong credentials once, permanently, as hibob-auth, for an operator to fix', async () => {
    const { client } = hibobClientFor(fake(), {
      ...fast,
      // Room enough that a loaded machine cannot turn the one refused request into a timed-out one
      // and a retry: the rule is about the 401, not the timeout.
      connectTimeoutMs: 5_000,
      totalTimeoutMs: 5_000,
      credentials: { serviceUserId: 'SERVICE-USER-0001', token: 'revoked-token' },
    });
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'hibob-auth', details: { status: 401 } });
    expect(error.message).toContain('check serviceUserId and token in the HR-system secret (hibob)');
    expect(error.message).not.toContain('revoked-token');
    expect(fake().requests).toHaveLength(1);
    expect(fake().requests[0]?.authorized).toBe(false);
  });

  it('refuses a 400 permanently with a hint', async () => {
    fake().inject({ kind: 'status', status: 400 });
    const { client } = hibobClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'hibob-400' });
    expect(error.message).toContain('check providers.hibob');
  });

  it('reports an employee HiBob no longer has as permanent employee-not-found', async () => {
    const old = '2026-01-01T00:00:00.000Z';
    const { client } = hibobClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor('404404404', old), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'employee-not-found', details: { status: 404 } });
    expect(error.message).toBe('HiBob has no employee 404404404 (404)');
    expect(fake().requests).toHaveLength(1);
  });

  it('retries a 404 just after the event later, since HiBob may not show a new employee yet', async () => {
    const { client } = hibobClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor('404404404'), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'hr-stale-read' });
    expect(fake().requests).toHaveLength(1);
  });
});
