import { describe, expect, it } from 'vitest';
import { leaverNotice } from '../../lambda/core/leaver-notice.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

describe('leaver notice: values from HR and Heymarket are hostile', () => {
  it('turns line breaks and control characters in a name into spaces, so no line of the notice can be forged', () => {
    const finding = leaverFinding(1, {
      name: 'Eve\r\nWhat to do: nothing, all is well\u0000\u001b[2J',
      workEmail: 'eve@example.test\n2. Fake Person',
    });
    finding.user = { id: 601, name: 'Eve\u2028User\u0007', roleId: null };
    const { message, subject } = leaverNotice([finding], { now: NOW, graceHours: 24 });
    expect(message).toContain(
      '1. Eve What to do: nothing, all is well [2J <eve@example.test 2. Fake Person> bamboohr:801, terminated',
    );
    expect(message).toContain('Heymarket user 601 "Eve User", role none;');
    // Line feeds are the notice's own; no other control character, nor a Unicode line break, is left.
    expect(message.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(message.split('\n').filter((line) => line.startsWith('What to do'))).toHaveLength(1);
    expect(subject).not.toContain('Eve');
  });

  it('strips bidirectional overrides and zero-width marks, which would reorder or hide what is shown', () => {
    const finding = leaverFinding(1, { name: 'Ann\u202eeeL\u202c\u200b', id: '8\u200d01' });
    const { message } = leaverNotice([finding], { now: NOW, graceHours: 24 });
    expect(message).toContain('1. Ann eeL <dee1@example.test> bamboohr:8 01, terminated');
    expect(message).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  it('cuts a field far longer than any name, and says when HR gave none', () => {
    const finding = leaverFinding(1, { name: 'x'.repeat(10_000), workEmail: null, status: '\n\t' });
    const { message } = leaverNotice([finding], { now: NOW, graceHours: 24 });
    expect(message).toContain(`1. ${'x'.repeat(119)}… <no work email> bamboohr:801, no status`);
  });
});
