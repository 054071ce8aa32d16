import { describe, expect, it } from 'vitest';
import { coalesce } from '../../lambda/core/coalesce.js';

describe('coalescing per Heymarket user', () => {
  it('sends one patch per user carrying every message that produced it', () => {
    const patches = coalesce([
      { sourceId: 'm1', userId: 1, occurredAt: '2026-01-01T10:00:00Z', fields: { first_name: 'A' } },
      { sourceId: 'm2', userId: 2, occurredAt: '2026-01-01T10:00:00Z', fields: { first_name: 'B' } },
      { sourceId: 'm3', userId: 1, occurredAt: '2026-01-01T11:00:00Z', fields: { role_id: 4 } },
    ]);
    expect(patches).toEqual([
      { patch: { id: 1, first_name: 'A', role_id: 4 }, sourceIds: ['m1', 'm3'] },
      { patch: { id: 2, first_name: 'B' }, sourceIds: ['m2'] },
    ]);
  });

  it('keeps the newest value of each field even when the older change arrives later', () => {
    const [patch] = coalesce([
      {
        sourceId: 'new',
        userId: 1,
        occurredAt: '2026-01-02T00:00:00Z',
        fields: { first_name: 'New', last_name: 'X' },
      },
      {
        sourceId: 'old',
        userId: 1,
        occurredAt: '2026-01-01T00:00:00Z',
        fields: { first_name: 'Old', role_id: 3 },
      },
    ]);
    expect(patch?.patch).toEqual({ id: 1, first_name: 'New', last_name: 'X', role_id: 3 });
  });

  it('compares instants, not strings, across time-zone offsets', () => {
    const [patch] = coalesce([
      {
        sourceId: 'a',
        userId: 1,
        occurredAt: '2026-01-01T12:00:00+02:00',
        fields: { first_name: 'Earlier' },
      },
      { sourceId: 'b', userId: 1, occurredAt: '2026-01-01T11:00:00Z', fields: { first_name: 'Later' } },
    ]);
    expect(patch?.patch.first_name).toBe('Later');
  });

  it('lets the later message in the batch win a tie', () => {
    const [patch] = coalesce([
      { sourceId: 'a', userId: 1, occurredAt: '2026-01-01T00:00:00Z', fields: { first_name: 'First' } },
      { sourceId: 'b', userId: 1, occurredAt: '2026-01-01T00:00:00Z', fields: { first_name: 'Second' } },
    ]);
    expect(patch?.patch.first_name).toBe('Second');
  });
});
