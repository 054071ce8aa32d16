import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import { createPowertoolsMetrics } from '../../lambda/observability/powertools-metrics.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { captureStdio, type EmfDocument } from '../support/emf-output.js';
import { clientFor, startFakeHeymarket } from '../support/fake-heymarket.js';
import { loadReceiver } from '../support/receiver.js';
import {
  FUZZ_CONFIG,
  FUZZ_SECRETS,
  FUZZ_SEED,
  fixturesOf,
  gatewayEvent,
  honestBody,
  hostileBody,
  LIMIT,
  SPECS,
} from './deliveries.js';
import { PROVIDERS, personalData, SECRETS } from './personal-data.js';

// Fewer than the log scan: every rejection reason shows up well before this.
const HOSTILE_RUNS = 100;
const EMAIL = /@/;

/** Every metric name and dimension value the EMF documents carry, to prove the scan saw real output. */
function namesAndValues(documents: EmfDocument[]) {
  return documents.flatMap((document) => [
    ...document._aws.CloudWatchMetrics.flatMap((set) => set.Metrics.map((metric) => metric.Name)),
    ...['reason', 'errorClass'].flatMap((key) =>
      typeof document[key] === 'string' ? [`${key}=${document[key]}`] : [],
    ),
  ]);
}

describe('what the metrics write (EMF on stdout)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('never holds a name, an email or a secret from the receiver deliveries, valid or hostile', async () => {
    const personal = personalData();
    expect(personal).toEqual(expect.arrayContaining(['grace.hopper@example.test', 'Hopper', 'Katherine']));
    const receiver = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS, metrics: true });
    const stdio = captureStdio();
    try {
      for (const provider of PROVIDERS) {
        const spec = SPECS[provider];
        for (const [index, fixture] of fixturesOf(provider).entries()) {
          for (const base64 of [false, true]) {
            const body = honestBody(fixture.text, base64, fixture.contentType);
            for (const headers of [
              spec.sign(body.bytes, spec.secret, index),
              spec.tamper(body.bytes, index),
              {},
            ]) {
              await receiver.handler(gatewayEvent({ provider, body, headers }));
            }
          }
        }
        const fixture = fixturesOf(provider)[0];
        const huge = honestBody(`${fixture?.text ?? ''}${' '.repeat(LIMIT)}`, false, 'application/json');
        await receiver.handler(
          gatewayEvent({ provider, body: huge, headers: spec.sign(huge.bytes, spec.secret, 0) }),
        );
        await fc.assert(
          fc.asyncProperty(hostileBody(fixturesOf(provider)), fc.boolean(), async (body, sign) => {
            const headers = sign ? spec.sign(body.signed, spec.secret, 0) : {};
            await receiver.handler(gatewayEvent({ provider, body, headers }));
          }),
          { seed: FUZZ_SEED, numRuns: HOSTILE_RUNS },
        );
      }
    } finally {
      stdio.stop();
    }

    const written = stdio.text();
    const seen = namesAndValues(stdio.documents());
    // Not vacuous: accepted and rejected deliveries were counted, by reason.
    expect(seen).toEqual(
      expect.arrayContaining([
        'ChangesAccepted',
        'DeliveriesRejected',
        'reason=signature-invalid',
        'reason=body-invalid',
        'reason=body-too-large',
      ]),
    );
    expect([...personal, ...SECRETS].filter((value) => written.includes(value))).toEqual([]);
    expect(written).not.toMatch(EMAIL);
  }, 120_000);

  it('never holds the name or email of anyone the worker synced, retried or dead-lettered', async () => {
    // The people of the fixtures: one with a Heymarket user per email, the last without one.
    const personal = personalData();
    const emails = personal.filter((value) => EMAIL.test(value));
    const names = personal.filter((value) => !EMAIL.test(value));
    expect(emails.length).toBeGreaterThan(3);
    const heymarket = await startFakeHeymarket({
      users: emails.slice(0, -1).map((email, index) => ({
        id: index + 1,
        email,
        first_name: names[index % names.length] ?? 'Someone',
        last_name: names[(index + 1) % names.length] ?? 'Else',
      })),
    });
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const stdio = captureStdio();
    try {
      const metrics = createPowertoolsMetrics({ log: { warn: () => {} } });
      const { client } = clientFor(heymarket, { metrics });
      const config = parseConfig({}, 'test');
      const records = (round: number): QueueRecord[] =>
        emails.map((workEmail, index) => ({
          messageId: `m-${round}-${index}`,
          body: JSON.stringify(
            makeChange({
              eventId: `evt-${round}-${index}`,
              occurredAt: new Date(Date.UTC(2026, 0, 1, 10, round)).toISOString(),
              employee: {
                id: `E${index}`,
                workEmail,
                firstName: names[(index + round) % names.length],
                lastName: names[(index + round + 1) % names.length],
              },
            }),
          ),
          attributes: {},
          receiveCount: round + 1,
        }));
      // A clean run, one through a 429 and a 503 (retried in the call), one through an outage.
      const faults = [
        () => {},
        () => {
          heymarket.inject({ kind: 'status', status: 429 }, 1);
          heymarket.inject({ kind: 'status', status: 503 }, 1);
        },
        () => heymarket.inject({ kind: 'status', status: 503 }, 10),
      ];
      for (const [round, fault] of faults.entries()) {
        fault();
        const quiet = () => {};
        await syncBatch(
          records(round),
          {
            config,
            heymarket: client,
            deadLetters: { send: async () => {} },
            userIds: new TtlCache<string, number>(60_000, Date.now),
            log: { info: quiet, warn: quiet, error: quiet },
            metrics,
            now: Date.now,
          },
          { deadline: Date.now() + 60_000 },
        );
        metrics.publish();
        heymarket.clearFaults();
      }
    } finally {
      stdio.stop();
      await heymarket.close();
    }

    const written = stdio.text();
    expect(namesAndValues(stdio.documents())).toEqual(
      expect.arrayContaining([
        'PatchesApplied',
        'HeymarketCalls',
        'HeymarketLatency',
        'reason=heymarket-429',
        'reason=heymarket-5xx',
        'errorClass=unknown-email',
      ]),
    );
    expect(personal.filter((value) => written.includes(value))).toEqual([]);
    expect(written).not.toMatch(EMAIL);
  }, 60_000);
});
