import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DUMMY_ENV } from './cold-init.js';
import { distinct, PROVIDERS, WEBHOOK_SECRET_ARN, WEBHOOK_SECRETS } from './receiver-throughput.js';
import { median } from './stats.js';

const PROBE = fileURLToPath(new URL('./first-delivery-probe.mjs', import.meta.url));

export interface FirstDelivery {
  pairs: number;
  /** Medians of import + first invocation, ms. */
  ourMs: number;
  baselineMs: number;
  /** ours ÷ baseline per pair, back to back, the order alternating: median, min, max. */
  ratio: { median: number; min: number; max: number };
}

function once(
  module: string,
  event: APIGatewayProxyEvent | Record<string, never>,
): { ms: number; status: number | string } {
  const output = execFileSync(process.execPath, ['--no-warnings', PROBE], {
    env: {
      PATH: process.env.PATH ?? '',
      ...DUMMY_ENV,
      FIRST_DELIVERY: JSON.stringify({
        module: pathToFileURL(module).href,
        event,
        // The baselines read a secret named `baseline` (bench/baseline/).
        secrets: { [WEBHOOK_SECRET_ARN]: WEBHOOK_SECRETS, baseline: '{}' },
      }),
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = output.split('\n').find((text) => text.startsWith('FIRST-DELIVERY '));
  if (!line) throw new Error('bench: the first-delivery probe printed no result');
  return JSON.parse(line.slice('FIRST-DELIVERY '.length)) as { ms: number; status: number | string };
}

/**
 * The receiver's cold start as a sender meets it: import and the first Standard delivery (which builds
 * the config, the secret and the schemas it needs, and makes its three AWS calls), against the
 * baseline's import and its first call of each SDK command. Cold import alone leaves out what is
 * built on first use; this does not. The transport is stubbed on both sides, so no network is timed.
 */
export function receiverFirstDelivery(ours: string, baseline: string, pairs: number): FirstDelivery {
  const [standard] = PROVIDERS;
  if (standard?.name !== 'standard') throw new Error('bench: the standard provider must come first');
  const event = standard.event(distinct(standard.body, 0), 0);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = -1; i < pairs; i += 1) {
    const first = i % 2 === 0 ? 'ours' : 'baseline';
    const run = (side: 'ours' | 'baseline') => {
      const result = side === 'ours' ? once(ours, event) : once(baseline, {});
      const expected = side === 'ours' ? 202 : 'ok';
      if (result.status !== expected)
        throw new Error(`bench: the ${side} receiver's first call ended ${result.status}, not ${expected}`);
      return result.ms;
    };
    const x = run(first);
    const y = run(first === 'ours' ? 'baseline' : 'ours');
    // The first pair warms the page cache for both and is not counted.
    if (i < 0) continue;
    const [our, base] = first === 'ours' ? [x, y] : [y, x];
    a.push(our);
    b.push(base);
    ratios.push(our / base);
  }
  return {
    pairs,
    ourMs: median(a),
    baselineMs: median(b),
    ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  };
}
