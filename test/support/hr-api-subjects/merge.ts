import * as merge from '../fake-merge.js';
import { call, crowdOf, type HrApiSubject, pages, withEmail } from './subject.js';

export const MERGE_SUBJECT: HrApiSubject = {
  provider: 'merge',
  notFound: (id) => `Merge has no employee ${id} (404)`,
  credentials: merge.MERGE_CREDENTIALS,
  start: ({ email } = {}) =>
    merge.startFakeMerge({ employees: withEmail(merge.EMPLOYEES, merge.JOHNSON.id, 'work_email', email) }),
  crowd: (count) =>
    merge.startFakeMerge({
      employees: crowdOf(
        count,
        merge.JOHNSON,
        (index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        'work_email',
      ),
    }),
  employee: {
    id: merge.JOHNSON.id,
    workEmail: 'katherine.johnson@example.test',
    firstName: 'Katherine',
    lastName: 'Johnson',
    preferredName: 'Kathy',
    jobTitle: 'Aerospace Technologist',
    department: 'Engineering',
    status: 'active',
  },
  leaver: '4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e',
  readPath: (encoded) => `/api/hris/v1/employees/${encoded}`,
  readLog: [call('merge', 'GET', '/api/hris/v1/employees/{id}')],
  // Merge: the API key as a bearer token and the linked account's token (docs.merge.dev, Authentication).
  sentCredentials: () => ({
    authorization: `Bearer ${merge.MERGE_CREDENTIALS.apiKey}`,
    'x-account-token': merge.MERGE_CREDENTIALS.accountToken,
  }),
  // Deleted records too (`include_deleted_data=true`), read as terminated.
  listed: [
    [merge.JOHNSON.id, 'active'],
    ['3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d', 'inactive'],
    ['4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e', 'terminated'],
    ['5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f', 'terminated'],
  ],
  leavers: {
    '4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e': { terminationDate: '2026-01-16' },
    '5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f': { deleted: true },
  },
  crowdPages: (count) => pages(count, 100),
  listLog: { message: 'merge employees page', lines: [{ page: 1, employees: 4, skippedWithoutId: 0 }] },
  injectOnList: (fake, fault) => (fake as merge.FakeMerge).inject(fault),
  personal: /example\.test|Katherine|Johnson|Kathy|Christine|Darden|Annie|Easley|Winston|test-merge/,
};
