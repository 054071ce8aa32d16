import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkCommands } from '../../bench/sdk-commands.js';
import { type BenchBundles, FUNCTIONS, synthAll } from '../../bench/synth.js';

// The cold-import budget (ours ≤ 1.2 × the baseline) measures our own code only if each baseline
// imports exactly the AWS SDK commands its function bundles: a baseline with fewer clients makes ours
// look slower, one with more makes ours look faster.
let bundles: BenchBundles | undefined;
beforeAll(() => {
  bundles = synthAll();
});
afterAll(() => {
  if (bundles) rmSync(bundles.root, { recursive: true, force: true });
});

describe('the cold-init baselines', () => {
  it.each(FUNCTIONS)('the %s baseline bundles the same SDK commands as the function', (name) => {
    const b = bundles as BenchBundles;
    const ours = sdkCommands(b.ours.metafiles[name]);
    expect(ours.length).toBeGreaterThan(0);
    expect(sdkCommands(b.baselineMetafiles[name])).toEqual(ours);
  });
});
