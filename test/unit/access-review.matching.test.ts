import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

const leaver = (id: string, email = `p${id}@example.test`) =>
  person(id, { status: 'terminated', workEmail: email });

describe('access review: how an employee finds their Heymarket user', () => {
  it('matches the work email case-insensitively', () => {
    const report = review({
      directory: [listed('bamboohr', [leaver('1', 'Ann.Lee@Example.TEST')])],
      team: [member(100)],
      userIdsByEmail: new Map([['ann.lee@example.test', 100]]),
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100']);
  });

  it('prefers the remembered id to the email, and falls back to the email when that user left the team', () => {
    const report = review({
      directory: [listed('bamboohr', [leaver('1'), leaver('2')])],
      team: [member(100), member(101), member(200)],
      userIdsByEmail: new Map([
        ['p1@example.test', 100],
        ['p2@example.test', 101],
      ]),
      remembered: new Map([
        ['bamboohr:1', 200],
        ['bamboohr:2', 999],
      ]),
      config: { protectedUserIds: [100] },
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→200', 'leaver-with-seat bamboohr:2→101']);
  });

  it('takes an identity override over both, and as final even when its user holds no seat', () => {
    const report = review({
      directory: [listed('bamboohr', [leaver('1'), leaver('2')])],
      team: [member(100), member(101), member(300)],
      userIdsByEmail: new Map([
        ['p1@example.test', 100],
        ['p2@example.test', 101],
      ]),
      remembered: new Map([['bamboohr:1', 101]]),
      config: { identityOverrides: { 'bamboohr:1': 300, 'bamboohr:2': 555 }, protectedUserIds: [100, 101] },
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→300']);
  });

  it('keys overrides by provider: the same id at another provider is another person', () => {
    const report = review({
      directory: [listed('hibob', [leaver('1')])],
      team: [member(100), member(300)],
      userIdsByEmail: new Map([['p1@example.test', 100]]),
      config: { identityOverrides: { 'bamboohr:1': 300 }, protectedUserIds: [300] },
    });
    expect(summary(report)).toEqual(['leaver-with-seat hibob:1→100']);
  });

  it('reads employee ids such as __proto__ or constructor as plain ids, never inherited values', () => {
    const report = review({
      directory: [listed('bamboohr', [person('__proto__'), person('constructor')])],
    });
    expect(summary(report)).toEqual([
      'hire-without-seat bamboohr:__proto__→-',
      'hire-without-seat bamboohr:constructor→-',
    ]);
  });
});
