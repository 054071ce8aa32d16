import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { employeeStatus } from '../../lambda/providers/bamboohr/status.js';
import { bamboohrFixture } from '../support/fake-bamboohr.js';
import { bamboohr } from '../support/provider-cases/bamboohr.js';
import { deliverTo } from '../support/provider-cases/index.js';

const TODAY = '2026-01-31';
const NOW = Date.parse(`${TODAY}T18:42:09.000Z`);

async function deliverUpdate(fields: Record<string, unknown>) {
  const body = JSON.stringify({
    employees: [{ action: 'Updated', changedFields: Object.keys(fields), fields, id: '12347' }],
  });
  const { response, messages } = await deliverTo(bamboohr, body);
  expect(response.statusCode).toBe(202);
  return messages.map((message) => message.body)[0];
}

describe('a BambooHR termination, which arrives as an update', () => {
  it.each([
    ['status Inactive', { status: 'Inactive' }],
    ['employment status Terminated', { employmentStatus: 'Terminated' }],
    ['a termination date in the past', { terminationDate: '2026-01-30' }],
    ['a termination date of today', { terminationDate: TODAY }],
    [
      'all three at once',
      { status: 'Inactive', employmentStatus: 'Terminated', terminationDate: '2026-01-30' },
    ],
    [
      'a rehire-looking record that is Inactive all the same',
      { status: 'inactive', employmentStatus: 'Full-Time' },
    ],
  ])('is read from %s', (_, facts) => {
    expect(employeeStatus(facts, TODAY)).toBe('terminated');
  });

  it.each([
    ['no termination date (0000-00-00)', { status: 'Active', terminationDate: '0000-00-00' }, 'active'],
    ['an empty termination date', { terminationDate: '' }, undefined],
    ['a termination date in the future', { status: 'Active', terminationDate: '2026-02-01' }, 'active'],
    [
      'an old termination date on a record that is Active again (rehired)',
      { status: 'Active', employmentStatus: 'Full-Time', terminationDate: '2025-06-30' },
      'active',
    ],
    ['a date that is not YYYY-MM-DD', { terminationDate: '01/30/2026' }, undefined],
    ['nothing at all', {}, undefined],
  ])('is not read from %s', (_, facts, expected) => {
    expect(employeeStatus(facts, TODAY)).toBe(expected);
  });

  describe('in a field-based delivery', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
    });
    afterEach(() => vi.useRealTimers());

    it('becomes employee.terminated with status terminated, keeping the fields for the user lookup', async () => {
      const { messages } = await deliverTo(bamboohr, bamboohrFixture('fields-terminated.json'));
      const [change] = messages.map((message) => message.body);
      expect(change).toMatchObject({
        type: 'employee.terminated',
        occurredAt: '2026-01-31T17:05:00.000Z',
        employee: {
          id: '12347',
          workEmail: 'aiyana.brightwater@example.test',
          firstName: 'Aiyana',
          lastName: 'Brightwater',
          status: 'terminated',
        },
        needsEnrichment: false,
      });
    });

    it.each([
      ['Status', { Status: 'Inactive', 'Work Email': 'a@example.test' }],
      ['Employment Status', { 'Employment Status': { value: 'Terminated' }, 'Work Email': 'a@example.test' }],
      ['Termination Date', { 'Termination Date': '2026-01-31', 'Work Email': 'a@example.test' }],
    ])('becomes employee.terminated from %s alone', async (_, fields) => {
      expect(await deliverUpdate(fields)).toMatchObject({
        type: 'employee.terminated',
        employee: { status: 'terminated' },
      });
    });

    it('stays an update when the termination date is still to come', async () => {
      const change = await deliverUpdate({ 'Termination Date': '2026-02-28', Status: 'Active' });
      expect(change).toMatchObject({ type: 'employee.updated', employee: { status: 'active' } });
    });

    it('uses the UTC day the delivery arrived to judge the termination date', async () => {
      vi.setSystemTime(Date.parse('2026-02-01T00:00:30Z'));
      const change = await deliverUpdate({ 'Termination Date': '2026-02-01' });
      expect(change?.type).toBe('employee.terminated');
    });
  });
});
