import { describe, expect, it } from 'vitest';
import { hasUnexpandedRelations, readMergeEmployee } from '../../lambda/providers/merge/employee.js';
import { mergeFixture } from '../support/fake-merge.js';
import { MERGE_SUBJECT } from '../support/hr-api-subjects/merge.js';

const TODAY = '2026-02-06';
const data = JSON.parse(mergeFixture('employee-changed.json')).data as Record<string, unknown>;
const read = (overrides: Record<string, unknown>, today = TODAY) =>
  readMergeEmployee({ ...data, ...overrides }, 'E1', today);
const employment = (job_title: string | null, effective_date: string | null, extra = {}) => ({
  id: `emp-${job_title}`,
  job_title,
  effective_date,
  ...extra,
});

describe("reading a Merge Employee's fields", () => {
  it('uses the id it is given, and only names, work email, title, department and status', () => {
    expect(readMergeEmployee(data, 'E1', TODAY)).toEqual({
      // Katherine Johnson, as every Merge suite reads her, under the id given.
      employee: { ...MERGE_SUBJECT.employee, id: 'E1' },
      dropped: [],
    });
  });

  it('never falls back to the personal email', () => {
    expect(read({ work_email: null }).employee).not.toHaveProperty('workEmail');
  });

  it('leaves out null, empty and blank values', () => {
    const { employee } = read({ preferred_name: '', first_name: '  ', last_name: null, team: null });
    expect(employee).not.toHaveProperty('preferredName');
    expect(employee).not.toHaveProperty('firstName');
    expect(employee).not.toHaveProperty('lastName');
    expect(employee).not.toHaveProperty('department');
  });

  it('trims names', () => {
    expect(read({ first_name: ' Katherine ' }).employee.firstName).toBe('Katherine');
  });

  it('leaves out a value that does not fit and says which field, never the value', () => {
    const { employee, dropped } = read({ work_email: 'not an address', last_name: 'x'.repeat(201) });
    expect(employee).not.toHaveProperty('workEmail');
    expect(employee).not.toHaveProperty('lastName');
    expect(dropped).toEqual(['workEmail', 'lastName']);
  });

  describe('the job title', () => {
    it('comes from the latest employment that has taken effect', () => {
      const employments = [
        employment('Old', '2024-01-01T00:00:00Z'),
        employment('Current', '2026-01-01T00:00:00Z'),
        employment('Future', '2026-03-01T00:00:00Z'),
      ];
      expect(read({ employments }).employee.jobTitle).toBe('Current');
    });

    it('comes from the first employment when none has a date in effect', () => {
      const employments = [employment('First', null), employment('Future', '2027-01-01')];
      expect(read({ employments }).employee.jobTitle).toBe('First');
    });

    it('skips employments deleted in the remote system', () => {
      const employments = [
        employment('Deleted', '2026-02-01', { remote_was_deleted: true }),
        employment('Kept', '2025-01-01'),
      ];
      expect(read({ employments }).employee.jobTitle).toBe('Kept');
    });

    it('is absent when the employments are ids, empty or null', () => {
      for (const employments of [['c1d2e3f4'], [], null]) {
        expect(read({ employments }).employee).not.toHaveProperty('jobTitle');
      }
    });
  });

  describe('the department', () => {
    const departmentGroup = { id: 'g1', name: 'Flight Research', type: 'DEPARTMENT' };

    it("is the expanded team's name", () => {
      expect(read({ groups: [departmentGroup] }).employee.department).toBe('Engineering');
    });

    it('falls back to an expanded group of type DEPARTMENT when the team is an id or null', () => {
      const groups = [{ id: 'g0', name: 'Chess club', type: 'GROUP' }, departmentGroup];
      expect(read({ team: 'a3d1c2b4', groups }).employee.department).toBe('Flight Research');
      expect(read({ team: null, groups }).employee.department).toBe('Flight Research');
    });

    it('is absent when neither is expanded', () => {
      expect(read({ team: 'a3d1c2b4', groups: ['g1'] }).employee).not.toHaveProperty('department');
    });
  });
});

describe('whether a Merge Employee must be read again for its relations', () => {
  it('is yes when the employments are ids only, or the team is an id with no department group', () => {
    expect(hasUnexpandedRelations({ ...data, employments: ['e1', 'e2'] })).toBe(true);
    expect(hasUnexpandedRelations({ ...data, team: 'a3d1c2b4' })).toBe(true);
  });

  it('is no when they are expanded, absent, empty or null', () => {
    expect(hasUnexpandedRelations(data)).toBe(false);
    expect(hasUnexpandedRelations({ ...data, employments: [], team: null })).toBe(false);
    const { employments: _, team: __, ...without } = data;
    expect(hasUnexpandedRelations(without)).toBe(false);
  });

  it('is no for a team id when an expanded DEPARTMENT group names the department', () => {
    const groups = [{ id: 'g1', name: 'Flight Research', type: 'department' }];
    expect(hasUnexpandedRelations({ ...data, team: 'a3d1c2b4', groups })).toBe(false);
  });
});
