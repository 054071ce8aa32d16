import { synthBundles } from '../test/support/synth-bundles.js';
import { burst } from './burst.js';
const b = synthBundles();
console.error('synth done');
const f = await burst(b, { employees: Number(process.argv[2] ?? 200), changesPerEmployee: Number(process.argv[3] ?? 10), maxConcurrency: 2, batchSize: 50, share429: 0.05, budgetPerMinute: 500 });
console.error(JSON.stringify(f, null, 1));
