import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

// Enough hostile deliveries per provider to walk every rejection path's log line, at DEBUG.
const HOSTILE_RUNS = 300;

function captureOutput() {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      chunks.push(args.map(String).join(' '));
    });
  }
  return () => chunks.join('\n');
}

describe('what the receiver logs at DEBUG', () => {
  let receiver: Awaited<ReturnType<typeof loadReceiver>>;

  beforeAll(async () => {
    receiver = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS, logLevel: 'DEBUG' });
  });
  afterEach(() => vi.restoreAllMocks());

  it('never holds a name, an email or a secret from the deliveries, valid or hostile', async () => {
    const personal = personalData();
    // The scan means nothing unless it looks for the people the fixtures are about.
    expect(personal).toEqual(
      expect.arrayContaining([
        'grace.hopper@example.test',
        'Hopper',
        'Katherine',
        'bryony.okafor@example.test',
      ]),
    );
    const output = captureOutput();
    const statuses = new Set<number>();

    for (const provider of PROVIDERS) {
      const spec = SPECS[provider];
      for (const [index, fixture] of fixturesOf(provider).entries()) {
        for (const base64 of [false, true]) {
          const body = honestBody(fixture.text, base64, fixture.contentType);
          const signed = spec.sign(body.bytes, spec.secret, index);
          for (const headers of [signed, spec.tamper(body.bytes, index), {}]) {
            const response = await receiver.handler(gatewayEvent({ provider, body, headers }));
            statuses.add(response.statusCode);
          }
        }
      }
      // A body over the limit, a fixture padded with spaces, is refused before it is read.
      const fixture = fixturesOf(provider)[0];
      const padded = `${fixture?.text ?? ''}${' '.repeat(LIMIT)}`;
      const huge = honestBody(padded, false, fixture?.contentType ?? 'application/json');
      const response = await receiver.handler(
        gatewayEvent({ provider, body: huge, headers: spec.sign(huge.bytes, spec.secret, 0) }),
      );
      statuses.add(response.statusCode);
      await fc.assert(
        fc.asyncProperty(hostileBody(fixturesOf(provider)), fc.boolean(), async (body, sign) => {
          const headers = sign ? spec.sign(body.signed, spec.secret, 0) : {};
          const response = await receiver.handler(gatewayEvent({ provider, body, headers }));
          statuses.add(response.statusCode);
        }),
        { seed: FUZZ_SEED, numRuns: HOSTILE_RUNS },
      );
    }

    const logged = output();
    vi.restoreAllMocks();
    // Not vacuous: the receiver did log, and for accepted, ignored and refused deliveries alike.
    expect(logged.length).toBeGreaterThan(1_000);
    expect([...statuses]).toEqual(expect.arrayContaining([200, 202, 400, 401, 413]));
    expect(logged).toMatch(/delivery accepted/);
    expect(logged).toMatch(/delivery rejected/);
    const leaked = [...personal, ...SECRETS].filter((value) => logged.includes(value));
    expect(leaked).toEqual([]);
  }, 120_000);
});
