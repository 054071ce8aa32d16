import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { ProviderName } from '../../lambda/core/employee-change.js';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from './fake-bamboohr.js';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from './fake-hibob.js';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from './fake-merge.js';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from './fake-personio.js';
import { apiGatewayEvent, fixture, signedHeaders } from './standard-webhook.js';

/**
 * For each provider, a documented fixture with its event time set in the field that provider takes
 * it from (Standard `occurredAt`, BambooHR `timestamp`, Merge `data.modified_at`, HiBob `triggeredAt`,
 * Personio `occurred_at`), signed as the sender signs it at the current (faked) time.
 */
export interface TimedProvider {
  name: ProviderName;
  /** The body of one delivery whose event happened at `occurredAt` (ISO-8601). */
  bodyAt(occurredAt: string): string;
  /** The API Gateway event delivering `body`, signed now. */
  event(body: string): APIGatewayProxyEvent;
}

const withJson = (text: string, edit: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(text) as Record<string, unknown>;
  edit(json);
  return JSON.stringify(json);
};

export const TIMED_PROVIDERS: TimedProvider[] = [
  {
    name: 'standard',
    bodyAt: (occurredAt) =>
      withJson(fixture('employee-updated.json'), (json) => Object.assign(json, { occurredAt })),
    event: (body) =>
      apiGatewayEvent({ body, headers: signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) }) }),
  },
  {
    name: 'bamboohr',
    bodyAt: (occurredAt) =>
      withJson(bamboohrFixture('event-employee-updated.json'), (json) =>
        Object.assign(json, { timestamp: occurredAt }),
      ),
    event: (body) => apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
  },
  {
    name: 'merge',
    bodyAt: (occurredAt) =>
      withJson(mergeFixture('employee-changed.json'), (json) => {
        const data = json.data as Record<string, unknown>;
        data.modified_at = occurredAt;
        delete data.remote_updated_at;
      }),
    event: (body) => apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }),
  },
  {
    name: 'hibob',
    bodyAt: (occurredAt) =>
      withJson(hibobFixture('employee-updated.json'), (json) =>
        Object.assign(json, { triggeredAt: occurredAt }),
      ),
    event: (body) => apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
  },
  {
    name: 'personio',
    bodyAt: (occurredAt) =>
      withJson(personioFixture('person-updated.json'), (json) =>
        Object.assign(json, { occurred_at: occurredAt }),
      ),
    event: (body) => apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
  },
];

/** Every provider enabled, with the tenants the fixtures carry. */
export const ALL_PROVIDERS_CONFIG: ConfigInput = {
  providers: {
    standard: { enabled: true },
    bamboohr: { enabled: true, companyId: '12345' },
    merge: { enabled: true, linkedAccountId: '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60' },
    hibob: { enabled: true, companyId: 636192 },
    personio: { enabled: true, companyId: '81725' },
  },
};

/** The webhook secrets `loadReceiver` adds to the standard one. */
export const PROVIDER_SECRETS = {
  bamboohr: BAMBOOHR_KEY,
  merge: MERGE_SIGNATURE_KEY,
  hibob: HIBOB_SECRET,
  personio: PERSONIO_TOKEN,
};
