import { describe, expect, it } from 'vitest';
import { leaverNotice, MAX_NAMED } from '../../lambda/core/leaver-notice.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

// SNS takes a message of at most 256 KB (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
const SNS_MESSAGE_BYTES = 256 * 1024;

describe('leaver notice: many leavers at once', () => {
  it(`names the first ${MAX_NAMED}, in the order given, and says how many more and where to find them`, () => {
    const findings = Array.from({ length: 130 }, (_, n) => leaverFinding(n));
    const { message, subject } = leaverNotice(findings, {
      stackName: 'hr-sync-prod',
      now: NOW,
      graceHours: 24,
    });
    expect(subject).toBe('heymarket-hr-sync hr-sync-prod: 130 leavers still hold a Heymarket seat');
    expect(message).toContain('50. Dee Gone49 <dee49@example.test>');
    expect(message).not.toContain('dee50@example.test');
    expect(message).toContain(
      '…and 80 more (130 in all): "hr-sync access-review --stack hr-sync-prod" lists every one.',
    );
  });

  it('stays under the SNS message limit even when every field is as long as HR can make it', () => {
    // Four bytes each in UTF-8: the most a character can take.
    const long = '😀'.repeat(50_000);
    const findings = Array.from({ length: 5_000 }, (_, n) =>
      leaverFinding(n, { name: long, workEmail: long, id: long, status: long, terminationDate: long }),
    );
    for (const finding of findings) if (finding.user) finding.user.name = long;
    const { message } = leaverNotice(findings, { now: NOW, graceHours: 24 });
    expect(Buffer.byteLength(message)).toBeLessThan(SNS_MESSAGE_BYTES);
  });
});
