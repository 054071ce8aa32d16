import { SPECS } from './deliveries.js';
import { describeReceiverFuzz } from './receiver-properties.js';

// One suite per provider, the same properties for each; they live in receiver-properties.ts and
// deliveries.ts (the per-provider data). FUZZ_RUNS, FUZZ_SEED.
for (const provider of Object.values(SPECS)) describeReceiverFuzz(provider.name);
