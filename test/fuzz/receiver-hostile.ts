import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { loadReceiver } from '../support/receiver.js';
import {
  caseMask,
  FUZZ_CONFIG,
  FUZZ_SECRETS,
  FUZZ_SEED,
  fuzzParameters,
  type HeaderLayout,
  type ProviderName,
  randomCase,
  SPECS,
} from './deliveries.js';
import {
  BUILT_IN_NAMES,
  defineOwn,
  eventStatusOf,
  hostileEventName,
  hostileId,
  hostileTenant,
  type IdValue,
  queuedIdOf,
  queuedTenantOf,
  shadowValue,
} from './hostile.js';
import { deliverAlone, GRACE, HOSTILE_RUNS, KINDS, type Receiver, TIMEOUT_MS } from './hostile-delivery.js';
import { BODIES, eventPath, TENANT_PATHS } from './provider-bodies.js';
import { applyJunk, headerSeen, junk, stillSigned } from './signature-junk.js';

type Json = Record<string | number, unknown>;

/** The container at `path` (all but its last key) and that key. */
function slot(json: Json, path: (string | number)[]): [Json, string | number] {
  let parent = json;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  return [parent, path[path.length - 1] as string | number];
}

/** The paths of every object in a JSON document, the root included. */
function objectPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const here = Array.isArray(value) ? [] : [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [...here, ...entries.flatMap(([key, item]) => objectPaths(item, [...prefix, key]))];
}

/**
 * Properties of hostile deliveries, run inside `describeReceiverFuzz` on a receiver of their own:
 * hostile ids, tenant ids, event names and object keys, and junk around correct signatures.
 */
export function describeHostileDeliveries(provider: ProviderName) {
  const spec = SPECS[provider];
  let shared: Receiver;

  const deliver = (
    text: string,
    headers: Record<string, string>,
    layout?: HeaderLayout,
    duplicates?: Record<string, string[]>,
  ) => deliverAlone(shared, provider, { text, headers, layout, duplicates });

  const signed = (text: string, variant = 0) => spec.sign(Buffer.from(text), spec.secret, variant);
  const nowText = () => new Date(Date.now()).toISOString();

  describe(`hostile ${provider} deliveries (seed ${FUZZ_SEED})`, () => {
    beforeAll(async () => {
      shared = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS });
    });

    it(
      'queues a hostile employee id exactly as the provider’s id type allows, and answers 400 (never a 5xx) for the rest',
      async () => {
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              id: hostileId,
              kind: fc.constantFrom(...KINDS),
              fat: fc.boolean(),
              variant: fc.nat(),
            }),
            async ({ id, kind, fat, variant }) => {
              const text = JSON.stringify(
                BODIES[provider]({ id, kind, fat, time: nowText(), employee: GRACE }),
              );
              const { response, queued } = await deliver(text, signed(text, variant));
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
              const expected = queuedIdOf(provider, id);
              if (expected === undefined) {
                // Personio's employment events name a person only by reference: without a usable one,
                // the event is counted as unusable and acknowledged (personio/parse.ts).
                const ignored = provider === 'personio' && kind === 'terminated';
                expect(response.statusCode).toBe(ignored ? 200 : 400);
                return;
              }
              expect(response.statusCode).toBe(202);
              expect(queued).toHaveLength(1);
              expect(queued[0]?.provider).toBe(provider);
              expect(queued[0]?.employee.id).toBe(expected);
              expect([undefined, GRACE.workEmail]).toContain(queued[0]?.employee.workEmail);
            },
          ),
          fuzzParameters(HOSTILE_RUNS),
        );
        console.info(`fuzz ${provider}: hostile employee ids by status`, Object.fromEntries(statuses));
        expect([...statuses.keys()]).toEqual(expect.arrayContaining([202, 400]));
      },
      TIMEOUT_MS,
    );

    it(
      'treats hostile tenant ids, event names and object keys as data: a 2xx or a 400, and only ever this employee queued',
      async () => {
        const tenantPath = TENANT_PATHS[provider];
        const edit = fc.oneof(
          ...(tenantPath ? [fc.record({ where: fc.constant('tenant' as const), value: hostileTenant })] : []),
          fc.record({ where: fc.constant('event' as const), value: hostileEventName }),
          fc.record({
            where: fc.constant('key' as const),
            key: fc.constantFrom(...BUILT_IN_NAMES),
            value: shadowValue,
            at: fc.nat(),
          }),
        );
        await fc.assert(
          fc.asyncProperty(
            fc.record({ edit, kind: fc.constantFrom(...KINDS), fat: fc.boolean() }),
            async ({ edit: change, kind, fat }) => {
              // BambooHR names its company only in the event-based form.
              const parts = {
                id: 'E-fuzz',
                kind,
                fat: fat && change.where !== 'tenant',
                time: nowText(),
                employee: GRACE,
              };
              const plain = JSON.stringify(BODIES[provider](parts));
              const json = BODIES[provider](parts) as Json;
              if (change.where === 'key') {
                const paths = objectPaths(json);
                let container: unknown = json;
                for (const key of paths[change.at % paths.length] ?? []) container = (container as Json)[key];
                defineOwn(container as object, change.key, change.value);
              } else {
                const path = change.where === 'tenant' ? (tenantPath ?? []) : eventPath(provider, json);
                const [parent, key] = slot(json, path);
                parent[key] = change.value;
              }
              const text = JSON.stringify(json);
              const { response, queued } = await deliver(text, signed(text));
              expect([200, 202, 400]).toContain(response.statusCode);
              for (const queuedChange of queued) {
                expect(queuedChange.provider).toBe(provider);
                expect(queuedChange.employee.id).toBe('E-fuzz');
              }
              if (change.where === 'key') {
                // A key nobody reads changes nothing, whatever it is named and holds.
                const before = await deliver(plain, signed(plain));
                expect(response.statusCode).toBe(before.response.statusCode);
                expect(queued.map(withoutEventId)).toEqual(before.queued.map(withoutEventId));
              } else if (change.where === 'tenant') {
                const tenant = queuedTenantOf(provider, change.value as IdValue);
                expect(response.statusCode).toBe(tenant === undefined ? 400 : 202);
                for (const queuedChange of queued) expect(queuedChange.tenant).toBe(tenant);
              } else {
                const name = String(change.value);
                fc.pre(!(provider === 'hibob' && name.startsWith('table.entry.')));
                expect(response.statusCode).toBe(eventStatusOf(provider, name, 'employees' in json));
              }
            },
          ),
          fuzzParameters(HOSTILE_RUNS),
        );
      },
      TIMEOUT_MS,
    );

    it(
      'accepts a correct signature with junk around it only where the provider’s scheme still reads the same signature, else 401',
      async () => {
        const names = spec.signatureHeaders;
        const attempt = fc.record({
          kind: fc.constantFrom(...KINDS),
          variant: fc.nat(),
          // The signature itself most often; the id and timestamp signed beside it too.
          target: fc.oneof(
            { weight: 4, arbitrary: fc.constant(names.length - 1) },
            fc.nat({ max: names.length - 1 }),
          ),
          edit: junk,
          mask: caseMask,
          // Now and then the header comes twice: API Gateway joins the copies with `, `.
          duplicate: fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            fc.array(fc.oneof(fc.constant('same'), fc.constant('edited'), fc.string({ maxLength: 12 })), {
              minLength: 1,
              maxLength: 2,
            }),
          ),
        });
        const outcomes = { accepted: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(attempt, async ({ kind, variant, target, edit, mask, duplicate }) => {
            const text = JSON.stringify(
              BODIES[provider]({ id: 'E-fuzz', kind, fat: true, time: nowText(), employee: GRACE }),
            );
            const original = signed(text, variant);
            const name = names[target] ?? '';
            const value = original[name] ?? '';
            const headers = randomCase({ ...original, [name]: applyJunk(value, edit) }, mask);
            const sentName =
              Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
            const copies = (duplicate ?? []).map((copy) =>
              copy === 'same' ? value : copy === 'edited' ? (headers[sentName] ?? '') : copy,
            );
            const { response, queued, event } = await deliver(
              text,
              headers,
              duplicate ? 'duplicated' : 'mirror',
              duplicate ? { [sentName]: copies } : {},
            );
            const valid = stillSigned(provider, Buffer.from(text), original, (header) =>
              headerSeen(event, header),
            );
            if (valid) {
              outcomes.accepted += 1;
              expect(response.statusCode).toBe(202);
              expect(queued).toHaveLength(1);
            } else {
              outcomes.refused += 1;
              expect(response.statusCode).toBe(401);
            }
          }),
          fuzzParameters(HOSTILE_RUNS),
        );
        console.info(`fuzz ${provider}: junk around signatures`, outcomes);
        expect(Math.min(outcomes.accepted, outcomes.refused)).toBeGreaterThan(0);
      },
      TIMEOUT_MS,
    );
  });
}

/** A change without what differs between two deliveries of one event: the body hash, the arrival. */
const withoutEventId = ({ eventId: _eventId, receivedAt: _receivedAt, ...rest }: EmployeeChange) => rest;
