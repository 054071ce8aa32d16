import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';

const problems = (accessReview: unknown) => {
  try {
    parseConfig({ accessReview }, 'hr-sync.config.json');
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  return [];
};

describe('config: accessReview', () => {
  it('defaults to everyone in scope, nothing acknowledged and a 24-hour grace for leavers', () => {
    expect(parseConfig({}, 'defaults').accessReview).toEqual({
      scope: [],
      acknowledged: [],
      leaverGraceHours: 24,
    });
  });

  it('refuses a scope entry with no criterion or an unknown one, saying where', () => {
    expect(problems({ scope: [{ department: 'Support' }, {}, { team: 'x' }] })).toEqual([
      'config: accessReview.scope[1] needs at least one of department, jobTitle (an empty entry would match everyone) in hr-sync.config.json',
      expect.stringMatching(/^config: accessReview\.scope\[2\] .*"team".* in hr-sync\.config\.json$/),
      'config: accessReview.scope[2] needs at least one of department, jobTitle (an empty entry would match everyone) in hr-sync.config.json',
    ]);
  });

  it('refuses an acknowledgement without a provider prefix, a real date or a reason', () => {
    expect(
      problems({
        acknowledged: [
          { employee: '7', until: '2026-02-30', reason: ' ' },
          { employee: 'bamboohr:7', until: '31/12/2026', reason: 'ok' },
          { employee: 'ann@example.test', until: '2026-12-31', reason: 'ok' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(
        /^config: accessReview\.acknowledged\[0\]\.employee "7" needs a provider prefix: one of .*\(e\.g\. "bamboohr:7"\) in hr-sync\.config\.json$/,
      ),
      'config: accessReview.acknowledged[0].until must be a date written YYYY-MM-DD (e.g. "2026-12-31") in hr-sync.config.json',
      'config: accessReview.acknowledged[0].reason must say why the finding is accepted (a person reads it when the entry is reviewed) in hr-sync.config.json',
      'config: accessReview.acknowledged[1].until must be a date written YYYY-MM-DD (e.g. "2026-12-31") in hr-sync.config.json',
      expect.stringMatching(
        /^config: accessReview\.acknowledged\[2\]\.employee \(an email address\?\) needs a provider prefix/,
      ),
    ]);
  });

  it('refuses a grace that is not a whole number of hours from 1 to 2160', () => {
    expect(problems({ leaverGraceHours: 0 })).toHaveLength(1);
    expect(problems({ leaverGraceHours: 2.5 })).toHaveLength(1);
    expect(problems({ leaverGraceHours: 2161 })).toHaveLength(1);
    expect(problems({ leaverGraceHours: 48 })).toEqual([]);
  });
});
