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
  // Deleted employees left out by default.
  listed: [
    [merge.JOHNSON.id, 'active'],
    ['3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d', 'inactive'],
    ['4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e', 'terminated'],
  ],
  crowdPages: (count) => pages(count, 100),
  listLog: { message: 'merge employees page', lines: [{ page: 1, employees: 3, skippedWithoutId: 0 }] },
  injectOnList: (fake, fault) => (fake as merge.FakeMerge).inject(fault),
  personal: /example\.test|Katherine|Johnson|Kathy|Christine|Darden|test-merge/,
};
