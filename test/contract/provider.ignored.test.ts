import { describe, expect, it } from 'vitest';
import { BY_TITLE, deliverTo, labelled } from '../support/provider-cases/index.js';

describe.each(BY_TITLE)('a valid %s delivery this project has no use for', (_title, provider) => {
  const { rows, hostileName } = provider.ignored;

  it.each(labelled(rows))(
    'is acknowledged 200, with the reason, and nothing is queued: %s',
    async (_, row) => {
      const { response, messages } = await deliverTo(provider, row.body, row.settings);
      expect(response.statusCode).toBe(200);
      if (row.ignored !== undefined) expect(JSON.parse(response.body)).toEqual({ ignored: row.ignored });
      expect(messages).toEqual([]);
    },
  );

  it('does not repeat an event name that is not a plain dotted name', async () => {
    const { response, messages } = await deliverTo(provider, hostileName.body, hostileName.settings);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(hostileName.hidden);
    expect(JSON.parse(response.body).ignored).toContain('(unrecognised)');
    expect(messages).toEqual([]);
  });
});
