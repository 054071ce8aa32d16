import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { isPing } from '../../lambda/providers/hibob/ping.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import {
  type Body,
  caseMask,
  FOCUSED_RUNS,
  FUZZ_CONFIG,
  FUZZ_RUNS,
  FUZZ_SECRETS,
  FUZZ_SEED,
  fixturesOf,
  fuzzParameters,
  gatewayEvent,
  headerLayout,
  honestBody,
  hostileBody,
  LIMIT,
  noiseHeaders,
  type ProviderName,
  randomCase,
  SPECS,
  validFixturesOf,
} from './deliveries.js';
import { describeEventTimes } from './receiver-event-times.js';
import { describeHostileDeliveries } from './receiver-hostile.js';

// Each property drives tens of thousands of deliveries through the handler in-process.
const TIMEOUT_MS = 120_000;
const ANSWERS = [200, 202, 400, 401, 404, 413];

type Receiver = Awaited<ReturnType<typeof loadReceiver>>;

/**
 * The answer contract every delivery is held to, whatever it was: a status among ANSWERS, a JSON body,
 * problem+json with exactly type/title/status/detail when it is not a 2xx, and a 202 only for what was
 * put on the queue, all of it and nothing else.
 */
function expectContractAnswer(response: APIGatewayProxyResult, receiver: Receiver) {
  expect(ANSWERS).toContain(response.statusCode);
  const queued = queuedMessages(receiver.sqs).map((message) => message.body as EmployeeChange);
  if (response.statusCode >= 300) {
    problemOf(response);
    expect(queued).toEqual([]);
    return;
  }
  expect(response.headers?.['content-type']).toBe('application/json');
  const answer = JSON.parse(response.body) as { accepted?: number; eventIds?: string[] };
  if (response.statusCode === 200) {
    expect(queued).toEqual([]);
    return;
  }
  expect(queued.map((change) => change.eventId)).toEqual(answer.eventIds);
  expect(queued).toHaveLength(answer.accepted ?? -1);
}

export function describeReceiverFuzz(provider: ProviderName) {
  const spec = SPECS[provider];
  const fixtures = fixturesOf(provider);
  const valid = validFixturesOf(provider);
  let receiver: Receiver;

  async function deliver(event: Parameters<Receiver['handler']>[0]) {
    receiver.sqs.resetHistory();
    receiver.secrets.resetHistory();
    return receiver.handler(event);
  }

  describe(`${provider} deliveries under fuzzing (seed ${FUZZ_SEED})`, () => {
    beforeAll(async () => {
      console.info(
        `fuzz ${provider}: seed ${FUZZ_SEED} (FUZZ_SEED), ${FUZZ_RUNS} runs (FUZZ_RUNS), ${FOCUSED_RUNS} focused`,
      );
      receiver = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS });
    });

    it(
      'answers any body, headers and encoding with a 2xx or a 4xx problem, never a 5xx, a throw or a hang',
      async () => {
        // Half the deliveries are signed correctly, so that hostile bodies reach the parsers.
        const signing = fc.oneof(
          { arbitrary: fc.constant({ mode: 'valid' as const }), weight: 6 },
          fc.constant({ mode: 'none' as const }),
          fc.record({
            mode: fc.constant('garbage' as const),
            values: fc.array(fc.string({ maxLength: 300 }), {
              minLength: 1,
              maxLength: spec.signatureHeaders.length,
            }),
          }),
          fc.record({ mode: fc.constant('wrong-key' as const), key: spec.wrongKey }),
          fc.record({ mode: fc.constant('tampered' as const), variant: fc.nat() }),
          fc.record({
            mode: fc.constant('stale' as const),
            offset: fc.oneof(
              fc.integer({ min: 306, max: 864_000 }),
              fc.integer({ min: -864_000, max: -306 }),
            ),
          }),
        );
        const path = fc.oneof(
          { weight: 60, arbitrary: fc.constant<string | undefined>(provider) },
          { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
          { weight: 1, arbitrary: fc.mixedCase(fc.constant(provider)) },
          { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
        );
        const delivery = fc.record({
          path,
          body: hostileBody(fixtures),
          signing,
          variant: fc.nat(),
          mask: caseMask,
          noise: noiseHeaders,
          layout: headerLayout,
          duplicate: fc.array(fc.string({ maxLength: 120 }), { minLength: 1, maxLength: 3 }),
        });

        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(delivery, async (d) => {
            const signature = signatureFor(d.body, d.signing, d.variant);
            const headers = { ...d.noise, ...randomCase(signature, d.mask) };
            const duplicates = Object.fromEntries(
              Object.keys(randomCase(signature, d.mask)).map((name) => [name, d.duplicate]),
            );
            const response = await deliver(
              gatewayEvent({ provider: d.path, body: d.body, headers, layout: d.layout, duplicates }),
            );
            expectContractAnswer(response, receiver);
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            if (d.path !== provider) expect(response.statusCode).toBe(404);
            else if (d.body.bytes.length > LIMIT) expect(response.statusCode).toBe(413);
            else expect([404, 413]).not.toContain(response.statusCode);
            if (d.path === provider && d.body.bytes.length <= LIMIT && forged(d.signing.mode, d.body)) {
              expect(response.statusCode).toBe(401);
            }
          }),
          fuzzParameters(FUZZ_RUNS),
        );
        console.info(`fuzz ${provider}: answers by status`, Object.fromEntries(statuses));
        // Not vacuous: the generators reach every answer, acceptance included.
        expect([...statuses.keys()]).toEqual(expect.arrayContaining([202, 400, 401, 404, 413]));
      },
      TIMEOUT_MS,
    );

    it(
      'never accepts or queues a valid body whose signature is missing, forged or for other bytes',
      async () => {
        const fixture = fc.constantFrom(...valid);
        const forgery = fc.oneof(
          fc.constant({ kind: 'none' as const }),
          fc.record({ kind: fc.constant('wrong-key' as const), key: spec.wrongKey, variant: fc.nat() }),
          fc.record({ kind: fc.constant('tampered' as const), variant: fc.nat() }),
          fc.record({ kind: fc.constant('garbage' as const), value: fc.string({ maxLength: 300 }) }),
          fc.record({ kind: fc.constant('truncated' as const), cut: fc.integer({ min: 1, max: 40 }) }),
          ...(spec.signsBody
            ? [
                fc.record({
                  kind: fc.constant('other-body' as const),
                  edit: fc.string({ minLength: 1, maxLength: 8 }),
                  at: fc.nat(),
                }),
              ]
            : []),
          ...(spec.stale
            ? [
                fc.record({
                  kind: fc.constant('stale' as const),
                  offset: fc.oneof(
                    fc.integer({ min: 306, max: 864_000 }),
                    fc.integer({ min: -864_000, max: -306 }),
                  ),
                }),
              ]
            : []),
        );
        const attempt = fc.record({
          fixture,
          forgery,
          base64: fc.boolean(),
          mask: caseMask,
          layout: headerLayout,
        });

        await fc.assert(
          fc.asyncProperty(attempt, async ({ fixture: f, forgery: forge, base64, mask, layout }) => {
            let text = f.text;
            let headers: Record<string, string>;
            const bytes = Buffer.from(text);
            switch (forge.kind) {
              case 'none':
                headers = {};
                break;
              case 'wrong-key':
                headers = spec.sign(bytes, forge.key, forge.variant);
                break;
              case 'tampered':
                headers = spec.tamper(bytes, forge.variant);
                break;
              case 'garbage':
                headers = Object.fromEntries(spec.signatureHeaders.map((name) => [name, forge.value]));
                break;
              case 'truncated':
                headers = Object.fromEntries(
                  Object.entries(spec.sign(bytes, spec.secret, 0)).map(([name, value]) => [
                    name,
                    spec.signatureHeaders.at(-1) === name
                      ? // Padding carries no bytes of the MAC: only a cut into the MAC itself forges.
                        value.replace(/=+$/, '').slice(0, -forge.cut)
                      : value,
                  ]),
                );
                break;
              case 'other-body': {
                // Signed as sent, then changed on the way: an insertion anywhere in the body.
                headers = spec.sign(bytes, spec.secret, 0);
                const at = forge.at % (text.length + 1);
                text = `${text.slice(0, at)}${forge.edit}${text.slice(at)}`;
                break;
              }
              case 'stale':
                headers = spec.stale?.(bytes, forge.offset) ?? {};
                break;
            }
            const body = honestBody(text, base64, f.contentType);
            // HiBob's exact setup ping is acknowledged unsigned by design (hibob/verify.ts).
            fc.pre(!(provider === 'hibob' && isPing(body.bytes)));
            fc.pre(!(forge.kind === 'other-body' && body.bytes.equals(bytes)));
            const response = await deliver(
              gatewayEvent({
                provider,
                body,
                headers: randomCase(headers, mask),
                layout: layout === 'duplicated' ? 'mirror' : layout,
              }),
            );
            expect(response.statusCode).toBe(401);
            expect(problemOf(response).status).toBe(401);
            expect(queuedMessages(receiver.sqs)).toEqual([]);
          }),
          fuzzParameters(FOCUSED_RUNS),
        );
      },
      TIMEOUT_MS,
    );

    it(
      'accepts a correctly signed valid delivery and queues exactly the changes it reports',
      async () => {
        const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/);
        const delivery = fc.record({
          fixture: fc.constantFrom(...valid),
          id,
          indent: fc.constantFrom<string | number | undefined>(undefined, 0, 2, '\t'),
          base64: fc.boolean(),
          variant: fc.nat(),
          mask: caseMask,
          noise: noiseHeaders,
        });

        let accepted = 0;
        let replays = 0;
        // A body accepted once is remembered: the same bytes again must be answered duplicate.
        const acceptedBodies = new Set<string>();
        await fc.assert(
          fc.asyncProperty(delivery, async (d) => {
            let text = d.fixture.text;
            let idSet = false;
            if (d.fixture.name.endsWith('.json')) {
              const json = JSON.parse(text) as unknown;
              idSet = spec.setEmployeeId(json, d.id);
              text = JSON.stringify(json, null, d.indent);
            }
            const body = honestBody(text, d.base64, d.fixture.contentType);
            const signature = randomCase(spec.sign(body.bytes, spec.secret, d.variant), d.mask);
            // Noise first: a noise header may not shadow a real one (it would in any case-insensitive map).
            const noise = Object.fromEntries(
              Object.entries(d.noise).filter(
                ([name]) =>
                  !['content-type', ...Object.keys(signature).map((n) => n.toLowerCase())].includes(
                    name.toLowerCase(),
                  ),
              ),
            );
            const response = await deliver(
              gatewayEvent({ provider, body, headers: { ...noise, ...signature } }),
            );

            expect([200, 202]).toContain(response.statusCode);
            const bytes = body.bytes.toString('hex');
            if (acceptedBodies.has(bytes)) {
              expect(response.statusCode).toBe(200);
              expect(JSON.parse(response.body)).toEqual({ duplicate: true });
              replays += 1;
            } else if (response.statusCode === 202) {
              accepted += 1;
              acceptedBodies.add(bytes);
            }
            expectContractAnswer(response, receiver);
            const queued = queuedMessages(receiver.sqs).map((message) => message.body);
            for (const change of queued) {
              expect(EmployeeChange.safeParse(change).success).toBe(true);
              expect(change.provider).toBe(provider);
              if (idSet) expect(change.employee.id).toBe(d.id);
            }
          }),
          fuzzParameters(FOCUSED_RUNS),
        );
        expect(accepted + replays).toBeGreaterThan(FOCUSED_RUNS / 4);
      },
      TIMEOUT_MS,
    );

    describeHostileDeliveries(provider);
    describeEventTimes(provider);
  });

  type Signing =
    | { mode: 'valid' }
    | { mode: 'none' }
    | { mode: 'garbage'; values: string[] }
    | { mode: 'wrong-key'; key: string }
    | { mode: 'tampered'; variant: number }
    | { mode: 'stale'; offset: number };

  function signatureFor(body: Body, signing: Signing, variant: number): Record<string, string> {
    switch (signing.mode) {
      case 'valid':
        return spec.sign(body.signed, spec.secret, variant);
      case 'none':
        return {};
      case 'garbage':
        return Object.fromEntries(signing.values.map((value, i) => [spec.signatureHeaders[i] ?? 'x', value]));
      case 'wrong-key':
        return spec.sign(body.signed, signing.key, variant);
      case 'tampered':
        return spec.tamper(body.signed, signing.variant);
      case 'stale':
        return spec.stale?.(body.signed, signing.offset) ?? spec.sign(body.signed, spec.secret, variant);
    }
  }

  /** Whether no header of this delivery can be a valid signature of the bytes the handler sees. */
  function forged(mode: Signing['mode'], body: Body): boolean {
    if (provider === 'hibob' && isPing(body.bytes)) return false;
    if (mode === 'none' || mode === 'wrong-key' || mode === 'tampered') return true;
    return mode === 'stale' && spec.stale !== undefined;
  }
}
