import { describe, expect, it } from 'vitest';
import { leaverNotice } from '../../lambda/core/leaver-notice.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

const context = { stackName: 'hr-sync-prod', now: NOW, graceHours: 24 };

describe('leaver notice: what the administrators read', () => {
  it('names each leaver: HR name, work email, provider:id, status and termination date, and their Heymarket user', () => {
    const { message } = leaverNotice(
      [leaverFinding(1), leaverFinding(2, { terminationDate: null })],
      context,
    );
    expect(message).toContain(
      '1. Dee Gone1 <dee1@example.test> bamboohr:801, terminated (left 2026-03-01)\n   Heymarket user 601 "Dee G1", role 4; first seen 2026-03-10T12:00:00.000Z',
    );
    expect(message).toContain('2. Dee Gone2 <dee2@example.test> bamboohr:802, terminated\n');
    expect(message).toMatch(/^2 people who have left still hold a Heymarket seat \(stack hr-sync-prod\)\./);
  });

  it('says what to do in Heymarket: Administration > Users, remove the user or give the termination role', () => {
    const { message } = leaverNotice([leaverFinding(1)], context);
    expect(message).toContain('What to do, for each person, in Heymarket (Administration > Users):');
    expect(message).toContain('  - remove the user, or');
    expect(message).toContain('  - change their role to the termination role (termination.roleId');
    expect(message).toContain(
      'A leaver still seated 24 hours after being first seen raises the access review alarm',
    );
  });

  it('shows how to acknowledge a finding with a valid entry for the first person, and how to list every finding', () => {
    const { message } = leaverNotice([leaverFinding(1)], context);
    expect(message).toContain(
      '"accessReview": { "acknowledged": [ { "employee": "bamboohr:801", "until": "2026-03-17", "reason": "…" } ] }',
    );
    expect(message).toContain('then redeploy (cdk deploy) or restart the local host');
    expect(message).toContain('hr-sync access-review --stack hr-sync-prod');
  });

  it('gives the local command, with no --stack, when no stack sends it', () => {
    const { message } = leaverNotice([leaverFinding(1)], { now: NOW, graceHours: 24 });
    expect(message).toContain(
      '(leavers, hires without a seat, seats without an employee): hr-sync access-review\n',
    );
    expect(message).not.toContain('--stack');
  });

  it('names only leavers: a hire or an orphan seat passed with them is left out', () => {
    const hire = { ...leaverFinding(5), kind: 'hire-without-seat' as const, user: null };
    const { message, subject } = leaverNotice([leaverFinding(1), hire], context);
    expect(message).not.toContain('dee5@example.test');
    expect(subject).toContain(': 1 leaver still holds a Heymarket seat');
  });
});
