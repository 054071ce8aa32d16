import { describe, expect, it } from 'vitest';
import { CommandError } from '../../lambda/cli/exit-errors.js';
import { mapDelivery } from '../../lambda/cli/map.js';
import { parseConfig } from '../../lambda/config/load.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const headers = new Map([['webhook-id', 'msg_1']]);
const body = (occurredAt: string, employee: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      type: 'employee.updated',
      occurredAt,
      employee: {
        id: 'E7',
        workEmail: 'ada@example.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        ...employee,
      },
    }),
  );
const config = (input = {}) => parseConfig({ providers: { standard: { enabled: true } }, ...input }, 'test');

// `hr-sync map` says what the receiver and the worker would do with a body: the same time bounds and
// the same never-patched users, else it shows changes the service would refuse or withhold.
describe('hr-sync map and the safety rules of the receiver and the worker', () => {
  it('says a delivery more than 5 minutes ahead is refused (400 occurred-in-future), not that it makes a change', () => {
    expect(() => mapDelivery('standard', body('2026-03-10T12:06:00Z'), headers, config(), NOW)).toThrow(
      new CommandError(
        "not a valid standard delivery (the receiver answers 400): body: the event time of the change is more than 5 minutes after the delivery was received; event times are trusted from 35 days before to 5 minutes after receipt: check the sender's clock",
      ),
    );
  });

  it('shows a time older than 35 days as the receiver queues it, raised to that floor, with the time sent', () => {
    const result = mapDelivery('standard', body('2026-01-01T00:00:00Z'), headers, config(), NOW);

    expect(result).toMatchObject({
      outcome: 'changes',
      changes: [
        { change: { occurredAt: '2026-02-03T12:00:00.000Z' }, sentOccurredAt: '2026-01-01T00:00:00Z' },
      ],
    });
  });

  it('shows no patch for a protected user an identity override names', () => {
    const result = mapDelivery(
      'standard',
      body('2026-03-10T11:00:00Z'),
      headers,
      config({ identityOverrides: { 'standard:E7': 42 }, protectedUserIds: [42] }),
      NOW,
    );

    expect(result).toMatchObject({
      outcome: 'changes',
      changes: [{ user: { by: 'identity-override', userId: 42 }, patch: null, skipped: 'protected-user' }],
    });
  });
});
