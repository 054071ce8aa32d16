import * as hibob from '../fake-hibob.js';
import { basic, call, crowdOf, type HrApiSubject, margaret, withEmail } from './subject.js';

export const HIBOB_SUBJECT: HrApiSubject = {
  provider: 'hibob',
  notFound: (id) => `HiBob has no employee ${id} (404)`,
  credentials: hibob.SERVICE_USER,
  start: ({ email } = {}) =>
    hibob.startFakeHiBob({ people: withEmail(hibob.PEOPLE, hibob.HAMILTON.id, 'email', email) }),
  crowd: (count) =>
    hibob.startFakeHiBob({
      people: crowdOf(count, hibob.HAMILTON, (index) => String(4000 + index), 'email'),
    }),
  employee: margaret(hibob.HAMILTON.id),
  leaver: '3332883884017713240',
  readPath: (encoded) => `/v1/people/${encoded}`,
  readLog: [
    call('hibob', 'POST', '/v1/people/{id}'),
    // The fake's record was last written days before the event: past the stale-read window, used as it is.
    {
      level: 'warn',
      message: 'hibob record older than its event, used as it is',
      attributes: { employeeId: hibob.HAMILTON.id, eventId: 'evt-hibob-1', behindMs: 431_999_750 },
    },
  ],
  // HiBob: the service user's id and token as HTTP Basic (apidocs.hibob.com, "API service users").
  sentCredentials: () => ({
    authorization: basic(hibob.SERVICE_USER.serviceUserId, hibob.SERVICE_USER.token),
  }),
  // Leavers included by default.
  listed: [
    [hibob.HAMILTON.id, 'active'],
    ['3332883884017713239', 'active'],
    ['3332883884017713240', 'terminated'],
  ],
  leavers: { '3332883884017713240': { terminationDate: '2026-01-15' } },
  crowdPages: (count) => [count],
  listLog: { message: 'hibob people search', lines: [{ employees: 3, skippedWithoutId: 0 }] },
  injectOnList: (fake, fault) => (fake as hibob.FakeHiBob).inject(fault),
  personal: /example\.test|Margaret|Hamilton|Maggie|Dorothy|Vaughan|test-token/,
};
