import { describeWorkerFuzz } from './worker-properties.js';

// Properties live in worker-properties.ts, its world in worker-world.ts; FUZZ_RUNS, FUZZ_SEED.
describeWorkerFuzz('standard');
