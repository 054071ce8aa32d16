import { describe, expect, it } from 'vitest';
import { hibob } from '../support/provider-cases/hibob.js';
import { deliverTo } from '../support/provider-cases/index.js';

// HiBob's own rule: a table entry event says which table changed, and only the tables named in
// providers.hibob.tables are worth reading (test/contract/provider.ignored.test.ts runs the refusals).
describe('a HiBob table entry event', () => {
  it('becomes a thin update for a table named in providers.hibob.tables, in any case', async () => {
    const { response, messages } = await deliverTo(hibob, hibob.fixture('table-entry-custom.json'), {
      tables: ['work', 'CATEGORY_1645536443536__TABLE_1688478542834'],
    });
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body).toMatchObject({ type: 'employee.updated', needsEnrichment: true });
  });

  it('becomes a thin update when it names no table, since it may be about title or department', async () => {
    const event = JSON.parse(hibob.fixture('table-entry-work.json'));
    const { tableId: _, ...data } = event.data;
    const { response } = await deliverTo(hibob, JSON.stringify({ ...event, data }));
    expect(response.statusCode).toBe(202);
  });

  it('is dropped for the work table once work is no longer configured', async () => {
    const { response, messages } = await deliverTo(hibob, hibob.fixture('table-entry-work.json'), {
      tables: ['employment'],
    });
    expect(response.statusCode).toBe(200);
    expect(messages).toEqual([]);
  });
});
