import type { ConfigInput } from '../config/schema.js';

/**
 * The configuration of a local run with no `hr-sync.config.json`: the providers whose deliveries
 * carry the employee (Standard Webhooks, BambooHR field-based, Merge), so a first `npm start` plus
 * `npm run demo` applies real changes without any HR API credentials, and two role rules to show
 * departments becoming roles. HiBob and Personio send ids only; they need their API (README).
 */
export const LOCAL_DEFAULT_CONFIG: ConfigInput = {
  providers: {
    standard: { enabled: true },
    bamboohr: { enabled: true },
    merge: { enabled: true, enrichUnexpanded: false },
  },
  roles: {
    rules: [
      { match: { department: 'Support' }, roleId: 2 },
      { match: { department: 'Engineering' }, roleId: 3 },
    ],
  },
};
