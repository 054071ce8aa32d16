import { describe, expect, it } from 'vitest';
import { countKinds } from '../../lambda/core/access-review-counts.js';
import { listed, member, person, review } from '../support/access-review.js';

describe('access review: the size of each list', () => {
  it('counts each list apart: leavers with a seat, hires without one, seats without an employee', () => {
    const report = review({
      directory: [
        listed('bamboohr', [
          person('1', { status: 'terminated' }),
          person('2', { status: 'terminated' }),
          person('3'),
          person('4'),
        ]),
      ],
      team: [member(100), member(101), member(102), member(103)],
      userIdsByEmail: new Map([
        ['p1@example.test', 100],
        ['p2@example.test', 101],
        ['p3@example.test', 102],
      ]),
    });
    expect(countKinds(report)).toEqual({
      'leaver-with-seat': 2,
      'hire-without-seat': 1,
      'seat-without-employee': 1,
    });
  });

  it('names every list, at 0, in a clean review', () => {
    expect(countKinds(review())).toEqual({
      'leaver-with-seat': 0,
      'hire-without-seat': 0,
      'seat-without-employee': 0,
    });
  });
});
