import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { mapToPatch } from '../../lambda/core/map-to-patch.js';
import { makeChange } from '../support/changes.js';

describe('termination', () => {
  it('is ignored and counted by default, because Heymarket cannot deactivate a user', () => {
    for (const change of [
      makeChange({ type: 'employee.terminated' }),
      makeChange({ type: 'employee.deleted' }),
      makeChange({ employee: { status: 'terminated' } }),
    ]) {
      expect(mapToPatch(change, parseConfig({}, 'test'))).toEqual({
        kind: 'skip',
        reason: 'termination-ignored',
      });
    }
  });

  it('moves the user to the configured role and changes nothing else', () => {
    const config = parseConfig({ termination: { action: 'move-to-role', roleId: 12 } }, 'test');
    expect(
      mapToPatch(makeChange({ type: 'employee.terminated', employee: { department: 'Support' } }), config),
    ).toEqual({
      kind: 'patch',
      fields: { role_id: 12 },
    });
  });
});
