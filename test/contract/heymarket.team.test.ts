import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';

// GET /v1/team answers {id, name, list_size, members: [{id, name, role}]}, role a string
// (https://developers.heymarket.com/api-reference/team).
describe('listing the Heymarket team', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({
      users: [
        { id: 11, email: 'a@example.test', first_name: 'Ada', last_name: 'One', role_id: 1 },
        { id: 12, email: 'b@example.test', first_name: 'Bo', last_name: 'Two', role_id: 4 },
      ],
    });
  });
  afterEach(() => fake.close());

  it('asks once, with the documented JWT, and maps every member by id and name', async () => {
    const { client } = clientFor(fake);
    const team = await client.listTeam();
    expect(fake.requests.map((request) => [request.method, request.path])).toEqual([['GET', '/v1/team']]);
    expect(fake.requests[0]?.auth.ok).toBe(true);
    expect(team).toEqual([
      { id: 11, name: 'Ada One', roleId: null },
      { id: 12, name: 'Bo Two', roleId: null },
    ]);
  });

  it('reads a role given as a number or as digits as the role id, and guesses nothing from a name', async () => {
    fake.inject({
      kind: 'status',
      status: 200,
      body: JSON.stringify({
        id: 1,
        members: [
          { id: 1, name: 'N', role: 6 },
          { id: 2, name: 'D', role: '7' },
          { id: 3, name: 'S', role: 'admin' },
          { id: 4, name: null },
        ],
      }),
    });
    const { client } = clientFor(fake);
    expect((await client.listTeam()).map((member) => [member.id, member.roleId])).toEqual([
      [1, 6],
      [2, 7],
      [3, null],
      [4, null],
    ]);
  });

  it('reads a name or role of another shape as null, and still lists the seat', async () => {
    fake.inject({
      kind: 'status',
      status: 200,
      body: JSON.stringify({
        members: [
          { id: 1, name: { first: 'N' }, role: { id: 6 } },
          { id: 2, name: 42, role: true },
          { id: 3, name: ['A'], role: [7] },
        ],
      }),
    });
    const { client, logs } = clientFor(fake);
    expect(await client.listTeam()).toEqual([
      { id: 1, name: null, roleId: null },
      { id: 2, name: null, roleId: null },
      { id: 3, name: null, roleId: null },
    ]);
    expect(logs.filter((log) => log.level === 'warn')).toEqual([]);
  });

  it('fails transient heymarket-team-incomplete when a member has no usable id, and says how many by count only', async () => {
    fake.inject({
      kind: 'status',
      status: 200,
      body: JSON.stringify({
        members: [{ id: 5, name: 'Kept' }, { id: 0, name: 'Zero' }, { id: '6' }, { id: 2 ** 53 }, 'x'],
      }),
    });
    const { client, logs } = clientFor(fake);
    const error = await client.listTeam().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transient', code: 'heymarket-team-incomplete' });
    expect((error as Error).message).toMatch(
      /^Heymarket GET \/v1\/team listed 4 members with no usable id \(a positive safe integer\) \(request id [\w-]+\): the access review cannot tell whose seats they are, so the previous review is kept, marked stale; the next run tries again$/,
    );
    // Not retried: the same answer would come back.
    expect(fake.requests).toHaveLength(1);
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'heymarket team members ignored',
      attributes: { method: 'GET', path: '/v1/team', ignored: 4 },
    });
    expect(JSON.stringify([logs, (error as Error).message])).not.toMatch(/Kept|Zero/);
  });

  it('fails transient heymarket-bad-response on an answer with no members list', async () => {
    // Every attempt answers the same: a bad answer is retried as transient, then given up on.
    fake.inject({ kind: 'status', status: 200, body: JSON.stringify({ id: 1, name: 'team' }) }, 10);
    const { client } = clientFor(fake);
    const error = await client.listTeam().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transient', code: 'heymarket-bad-response' });
    expect((error as Error).message).toMatch(
      /^Heymarket GET \/v1\/team answered 200 for the team \(request id [\w-]+\) with a body that has no members list$/,
    );
  });

  it('retries a 5xx and then answers', async () => {
    fake.inject({ kind: 'status', status: 503 });
    const { client, sleeps } = clientFor(fake);
    expect(await client.listTeam()).toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });
});
