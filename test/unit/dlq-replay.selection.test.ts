import { describe, expect, it } from 'vitest';
import { isTransientClass, selects, viewOf } from '../../lambda/core/redrive-selection.js';

const view = (attributes: Record<string, string>, employeeId = 'E1') =>
  viewOf({
    messageId: 'm1',
    body: JSON.stringify({
      v: 1,
      provider: 'hibob',
      eventId: 'evt-1',
      type: 'employee.updated',
      employee: { id: employeeId, workEmail: 'ada@example.com' },
    }),
    attributes,
  });

describe('which dead-lettered messages a replay selects', () => {
  it.each([
    'heymarket-429',
    'heymarket-5xx',
    'hibob-timeout',
    'personio-network',
    'bamboohr-bad-response',
    'dlq-unavailable',
    'queue-unavailable',
    'secrets-unavailable',
    'deadline',
    'hr-stale-read',
    'unexpected',
    undefined,
  ])('treats %s as transient', (errorClass) => {
    expect(isTransientClass(errorClass)).toBe(true);
  });

  it.each([
    'unknown-email',
    'employee-not-found',
    'heymarket-400',
    'hibob-auth',
    'secret-invalid',
    'invalid-message',
  ])('leaves the permanent class %s for a person', (errorClass) => {
    expect(isTransientClass(errorClass)).toBe(false);
  });

  it('reads ids from the attributes and the body, and never a name or an email', () => {
    const seen = view({ provider: 'hibob', errorClass: 'heymarket-5xx', replayCount: '2' });
    expect(seen).toMatchObject({ provider: 'hibob', eventId: 'evt-1', employeeId: 'E1', replayCount: 2 });
    expect(JSON.stringify(seen)).not.toContain('ada@example.com');
  });

  it('filters by error class, provider and employee together', () => {
    const message = view({ provider: 'hibob', errorClass: 'unknown-email' }, 'E7');
    expect(selects(message, { errorClass: 'unknown-email', provider: 'hibob', employeeId: 'E7' })).toBe(true);
    expect(selects(message, { errorClass: 'unknown-email', provider: 'merge' })).toBe(false);
    expect(selects(message, { employeeId: 'E8' })).toBe(false);
    expect(selects(message, { errorClass: 'heymarket-5xx' })).toBe(false);
  });

  it('stops selecting a message once it has been replayed maxReplays times', () => {
    expect(
      selects(view({ errorClass: 'heymarket-5xx', replayCount: '2' }), {
        transientOnly: true,
        maxReplays: 3,
      }),
    ).toBe(true);
    expect(
      selects(view({ errorClass: 'heymarket-5xx', replayCount: '3' }), {
        transientOnly: true,
        maxReplays: 3,
      }),
    ).toBe(false);
    expect(selects(view({ errorClass: 'unknown-email' }), { transientOnly: true, maxReplays: 3 })).toBe(
      false,
    );
  });
});
