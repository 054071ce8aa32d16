import { describeReceiverFuzz } from './receiver-properties.js';

// Properties and generators live in receiver-properties.ts and deliveries.ts; FUZZ_RUNS, FUZZ_SEED.
describeReceiverFuzz('hibob');
