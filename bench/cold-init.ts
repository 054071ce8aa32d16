import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

/**
 * What a handler needs at module scope, as dummies: nothing here is called during the import, so no
 * endpoint is reached (the SDK and Secrets Manager clients are built, not used).
 */
export const DUMMY_ENV: Record<string, string> = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes',
  DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes-dlq',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/webhooks-AbCdEf',
  HEYMARKET_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf',
  HRIS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/hris-AbCdEf',
  HEYMARKET_BASE_URL: 'https://api.heymarket.com',
  APPLIED_TABLE: 'hr-sync-applied',
  MAX_REPLAYS: '3',
  REDRIVE_LIMIT: '1000',
  POWERTOOLS_SERVICE_NAME: 'heymarket-hr-sync',
  HR_SYNC_CONFIG: JSON.stringify({ providers: { standard: { enabled: true } } }),
};

// Runs in a fresh `node`: the time of the dynamic import alone (Node's own start-up is the same for
// both and is left out), printed as milliseconds.
const PROBE =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

export function importOnce(bundle: string): number {
  const output = execFileSync(
    process.execPath,
    // --no-warnings: the SDK warns about Node 20 on these dev machines (not on Lambda's Node 24).
    ['--no-warnings', '--input-type=module', '-e', PROBE, pathToFileURL(bundle).href],
    {
      env: { PATH: process.env.PATH ?? '', ...DUMMY_ENV },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return Number(output);
}

export interface ColdInit {
  pairs: number;
  /** Medians of the fresh-process imports, for scale; the budget is read from `ratio`. */
  ourMs: number;
  baselineMs: number;
  /** Our code's own cost: median of ours − baseline over the pairs. */
  differenceMs: number;
  /** ours ÷ baseline per pair (taken back to back, so load hits both alike): median, min, max. */
  ratio: { median: number; min: number; max: number };
}

/**
 * `pairs` pairs of fresh-process imports, ours and the baseline back to back, the order alternating
 * from one pair to the next so neither always goes first (a warm page cache or a load spike then
 * favours each side alike). Each pair gives one ratio; the median of the ratios is the figure.
 */
export function coldInit(ours: string, baseline: string, pairs: number): ColdInit {
  importOnce(ours);
  importOnce(baseline);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < pairs; i += 1) {
    let our: number;
    let base: number;
    if (i % 2 === 0) {
      our = importOnce(ours);
      base = importOnce(baseline);
    } else {
      base = importOnce(baseline);
      our = importOnce(ours);
    }
    a.push(our);
    b.push(base);
    ratios.push(our / base);
    differences.push(our - base);
  }
  return {
    pairs,
    ourMs: median(a),
    baselineMs: median(b),
    differenceMs: median(differences),
    ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  };
}
