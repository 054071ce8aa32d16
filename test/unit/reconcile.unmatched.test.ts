import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { Employee } from '../../lambda/core/employee-change.js';
import { compareEmployee } from '../../lambda/core/reconcile-compare.js';
import { reconcile } from '../../lambda/service/reconcile-run.js';
import { recordingDeps } from '../support/recording.js';
import { MemoryHeymarket } from '../support/worker-deps.js';

const listed = (employee: Employee) => ({
  provider: 'hibob' as const,
  employee,
  listedAt: '2026-03-02T03:00:00.000Z',
});
const config = parseConfig({ identityOverrides: { 'hibob:E3': 77 } }, 'test');

describe('employees with no Heymarket user', () => {
  it('are unmatched by reason: no work email, no user with it, or an override the email does not find', () => {
    expect(compareEmployee(listed({ id: 'E1', firstName: 'A' }), undefined, config, 'r')).toEqual({
      kind: 'unmatched',
      reason: 'no-email',
    });
    expect(
      compareEmployee(listed({ id: 'E2', workEmail: 'e2@example.test' }), undefined, config, 'r'),
    ).toEqual({
      kind: 'unmatched',
      reason: 'no-user',
    });
    expect(
      compareEmployee(listed({ id: 'E3', workEmail: 'e3@example.test' }), { id: 12, name: 'x' }, config, 'r'),
    ).toEqual({ kind: 'unmatched', reason: 'override' });
    expect(
      compareEmployee(
        listed({ id: 'E3', workEmail: 'e3@example.test', lastName: 'B' }),
        { id: 77, name: 'x B' },
        config,
        'r',
      ),
    ).toEqual({ kind: 'in-step', userId: 77 });
  });

  it('are counted and reported by a run, not errors', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'known@example.test');
    const sent: unknown[] = [];
    const { deps } = recordingDeps();
    const summary = await reconcile({
      config: parseConfig({ providers: { hibob: { enabled: true } } }, 'test'),
      lister: async () =>
        async function* () {
          yield [
            { id: 'E1', workEmail: 'known@example.test', firstName: 'Someone' },
            { id: 'E2', workEmail: 'stranger@example.test', firstName: 'Other' },
            { id: 'E3', firstName: 'Nomail' },
          ];
        },
      heymarket,
      queue: { send: async (changes) => void sent.push(...changes) },
      log: deps.log,
      now: Date.now,
    });
    expect(summary).toMatchObject({
      status: 'complete',
      listed: 3,
      matched: 1,
      unmatched: 2,
      unmatchedByReason: { 'no-email': 1, 'no-user': 1, override: 0 },
      failures: {},
    });
    expect(heymarket.lookupCalls).toEqual([['known@example.test', 'stranger@example.test']]);
  });
});
