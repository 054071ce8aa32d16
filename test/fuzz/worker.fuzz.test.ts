import { SPECS } from './deliveries.js';
import { describeWorkerFuzz } from './worker-properties.js';

// One suite per provider, the same properties for each; they live in worker-properties.ts, its world
// in worker-world.ts and the per-provider data in deliveries.ts. FUZZ_RUNS, FUZZ_SEED.
for (const provider of Object.values(SPECS)) describeWorkerFuzz(provider.name);
