import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';

// GET /v1/team has no paging documented (https://developers.heymarket.com/api-reference/team): the
// whole team comes in one answer.
describe('listing a large Heymarket team', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: [] });
  });
  afterEach(() => fake.close());

  it('reads a team of 30,000 members, an answer far past the 1 MiB other calls read', async () => {
    const members = Array.from({ length: 30_000 }, (_, index) => ({
      id: index + 1,
      name: `Member Number ${index + 1}`,
      role: 'Agent',
    }));
    const body = JSON.stringify({ id: 1, name: 'team', list_size: members.length, members });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    fake.inject({ kind: 'status', status: 200, body });
    const { client } = clientFor(fake);
    const team = await client.listTeam();
    expect(team).toHaveLength(30_000);
    expect(team.at(-1)).toEqual({ id: 30_000, name: 'Member Number 30000', roleId: null });
  });

  it('fails heymarket-team-too-large, asking once, when the answer passes 16 MiB', async () => {
    const body = JSON.stringify({ members: [{ id: 1, name: 'x'.repeat(16 * 1024 * 1024) }] });
    fake.inject({ kind: 'status', status: 200, body }, 5);
    const { client } = clientFor(fake);
    const error = await client.listTeam().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'permanent', code: 'heymarket-team-too-large' });
    expect((error as Error).message).toMatch(
      /^Heymarket GET \/v1\/team answered 200 for the team \(request id [\w-]+\) with more than the 16 MiB read: the team is too large to review in one answer, so the previous review is kept, marked stale$/,
    );
    expect(fake.requests.filter((request) => request.path === '/v1/team')).toHaveLength(1);
  });
});
