import * as bamboohr from '../fake-bamboohr.js';
import { basic, call, crowdOf, type HrApiSubject, withEmail } from './subject.js';

export const BAMBOOHR_SUBJECT: HrApiSubject = {
  provider: 'bamboohr',
  notFound: (id) => `BambooHR has no employee ${id} (404)`,
  credentials: bamboohr.BAMBOOHR_CREDENTIALS,
  start: ({ email } = {}) =>
    bamboohr.startFakeBambooHr({ employees: withEmail(bamboohr.EMPLOYEES, '67890', 'workEmail', email) }),
  crowd: (count) =>
    bamboohr.startFakeBambooHr({
      employees: crowdOf(count, bamboohr.BRYONY, (index) => String(1000 + index)),
    }),
  employee: {
    id: '67890',
    workEmail: 'bryony.okafor@example.test',
    firstName: 'Bryony',
    lastName: 'Okafor',
    preferredName: 'Bry',
    jobTitle: 'Support Lead',
    department: 'Customer Success',
    status: 'active',
  },
  leaver: '67893',
  readPath: (encoded) => `/api/gateway.php/acme/v1/employees/${encoded}`,
  readLog: [call('bamboohr', 'GET', '/v1/employees/{id}')],
  // BambooHR: the API key as the Basic user name, any password (documentation.bamboohr.com, Authentication).
  sentCredentials: () => ({ authorization: basic(bamboohr.BAMBOOHR_CREDENTIALS.apiKey, 'x') }),
  // Former employees too (`onlyCurrent=false`).
  listed: [
    ['67890', 'active'],
    ['67891', 'active'],
    ['67893', 'terminated'],
  ],
  leavers: { '67893': { terminationDate: '2026-01-30' } },
  crowdPages: (count) => [count],
  listLog: { message: 'bamboohr employee report', lines: [{ employees: 3, skippedWithoutId: 0 }] },
  injectOnList: (fake, fault) => (fake as bamboohr.FakeBambooHr).inject(fault),
  personal: /example\.test|Bryony|Okafor|Tomasz|Lindqvist|test-api-key/,
};
