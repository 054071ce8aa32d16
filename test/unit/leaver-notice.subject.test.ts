import { describe, expect, it } from 'vitest';
import { leaverNotice } from '../../lambda/core/leaver-notice.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html: under 100 characters, no line breaks or
// control characters; kept to printable ASCII so every mail client shows it as sent.
const SNS_SUBJECT = /^[\x20-\x7e]{1,99}$/;

describe('leaver notice: the subject', () => {
  it('counts the leavers and names no one', () => {
    const findings = [leaverFinding(1), leaverFinding(2)];
    const { subject } = leaverNotice(findings, { now: NOW, graceHours: 24 });
    expect(subject).toBe('heymarket-hr-sync: 2 leavers still hold a Heymarket seat');
    const one = leaverNotice([leaverFinding(1)], { stackName: 'hr-sync-prod', now: NOW, graceHours: 24 });
    expect(one.subject).toBe('heymarket-hr-sync hr-sync-prod: 1 leaver still holds a Heymarket seat');
    for (const text of [subject, one.subject]) {
      expect(text).not.toMatch(/Dee|example\.test|801|601/);
    }
  });

  it('stays one line of printable ASCII under 100 characters whatever the stack is called', () => {
    for (const stackName of ['s'.repeat(128), 'stack\nwith\u202ebreaks', 'stäck', 'heymarket-hr-sync']) {
      const { subject } = leaverNotice([leaverFinding(1)], { stackName, now: NOW, graceHours: 24 });
      expect(subject).toMatch(SNS_SUBJECT);
      expect(subject.endsWith(': 1 leaver still holds a Heymarket seat')).toBe(true);
    }
  });

  it('names the service once when the stack has the default name', () => {
    const { subject } = leaverNotice([leaverFinding(1)], {
      stackName: 'heymarket-hr-sync',
      now: NOW,
      graceHours: 24,
    });
    expect(subject).toBe('heymarket-hr-sync: 1 leaver still holds a Heymarket seat');
  });
});
