import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the monthly cost estimate', () => {
  it('docs/cost.md and docs/output/cost.md are what the price table and the synthesised stack give', () => {
    // --check fails when a price in bench/aws-prices.ts, or the stack's alarms, secrets or dashboard,
    // changed without the documents being written again.
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'docs/output/cost-estimate.ts', '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(run).not.toThrow();
  }, 120_000);
});
