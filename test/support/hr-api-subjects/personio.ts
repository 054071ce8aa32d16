import * as personio from '../fake-personio.js';
import { call, crowdOf, type HrApiSubject, margaret, pages, withEmail } from './subject.js';

export const PERSONIO_SUBJECT: HrApiSubject = {
  provider: 'personio',
  notFound: (id) => `Personio has no person ${id} (404)`,
  credentials: personio.API_CREDENTIAL,
  start: ({ email } = {}) =>
    personio.startFakePersonio({
      people: withEmail(personio.PEOPLE, personio.HAMILTON.id, 'email', email),
      orgUnits: personio.ORG_UNITS,
    }),
  crowd: (count) =>
    personio.startFakePersonio({
      people: crowdOf(count, personio.HAMILTON, (index) => String(5000 + index), 'email'),
      orgUnits: personio.ORG_UNITS,
    }),
  employee: margaret(personio.HAMILTON.id),
  leaver: '4471904',
  readPath: (encoded) => `/v2/persons/${encoded}`,
  readLog: [
    call('personio', 'POST', '/v2/auth/token'),
    { level: 'info', message: 'personio token', attributes: { expiresInS: 86_400 } },
    call('personio', 'GET', '/v2/persons/{id}'),
    call('personio', 'GET', '/v2/persons/{id}/employments'),
    call('personio', 'GET', '/v2/org-units/{id}'),
  ],
  // Personio: a bearer token it issued for the client credentials (developer.personio.de, Authentication).
  sentCredentials: (fake) => ({ authorization: `Bearer ${(fake as personio.FakePersonio).tokens[0]}` }),
  listed: [
    [personio.HAMILTON.id, 'active'],
    ['4471903', 'active'],
    ['4471904', 'terminated'],
    ['4471905', 'active'],
  ],
  // A person's status says they left; the list of persons carries no termination date.
  leavers: { '4471904': {} },
  crowdPages: (count) => pages(count, 50),
  listLog: { message: 'personio persons page', lines: [{ page: 1, employees: 4, skippedWithoutId: 0 }] },
  injectOnList: (fake, fault) => (fake as personio.FakePersonio).inject(fault, { path: '/v2/persons' }),
  personal: /example\.test|Margaret|Hamilton|Maggie|Dorothy|Vaughan|papi-/,
};
