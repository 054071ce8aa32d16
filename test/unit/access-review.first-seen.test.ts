import { describe, expect, it } from 'vitest';
import { listed, member, NOW, person, review } from '../support/access-review.js';

const input = {
  directory: [listed('bamboohr', [person('1', { status: 'terminated' })])],
  team: [member(100)],
  userIdsByEmail: new Map([['p1@example.test', 100]]),
};

describe('access review: firstSeenAt', () => {
  it('keeps when a finding was first seen across runs, and starts afresh for a new one', () => {
    const first = review(input);
    const later = review({
      ...input,
      team: [member(100), member(7)],
      previous: first,
      now: NOW + 86_400_000,
    });
    expect(later.generatedAt).toBe('2026-03-11T12:00:00.000Z');
    expect(later.findings.map((f) => [f.kind, f.firstSeenAt])).toEqual([
      ['leaver-with-seat', '2026-03-10T12:00:00.000Z'],
      ['seat-without-employee', '2026-03-11T12:00:00.000Z'],
    ]);
  });

  it('counts a finding with another user as a new one', () => {
    const first = review(input);
    const moved = review({
      ...input,
      team: [member(101)],
      userIdsByEmail: new Map([['p1@example.test', 101]]),
      previous: first,
      now: NOW + 60_000,
    });
    expect(moved.findings[0]?.firstSeenAt).toBe('2026-03-10T12:01:00.000Z');
  });
});
