import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Log } from './log.js';
import {
  boundedCode,
  type CountName,
  METRICS_NAMESPACE,
  type MetricDimension,
  type Metrics,
} from './metrics.js';
import { SERVICE_NAME } from './service-name.js';

/** The port plus what only a handler does: write what was counted, once per invocation. */
export interface PublishedMetrics extends Metrics {
  /** Writes every stored metric as EMF to stdout and starts afresh; never throws. */
  publish(): void;
}

interface Tally {
  name: CountName;
  dimension?: MetricDimension;
  value: number;
}

/**
 * Powertools Metrics behind the port. Counts are summed here and written at `publish()`: one EMF line
 * for those with only `service`, then one per dimension value (in EMF, dimensions belong to a whole
 * line, not to one metric). Timings are stored as they come (Powertools writes a line early at 100
 * values). Nothing here may fail a delivery or a batch: bad input and Powertools errors are dropped
 * with a warning.
 */
export function createPowertoolsMetrics(deps: { log: Pick<Log, 'warn'> }): PublishedMetrics {
  // Each deployed instance has its own service (infra/heymarket-hr-sync.ts, serviceNameFor), so two
  // in one account count apart; locally and in tests the variable is unset.
  const emf = new PowertoolsMetrics({
    namespace: METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  });
  const tallies = new Map<string, Tally>();
  const guarded = (what: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      deps.log.warn('metrics dropped', { what, error: (error as Error)?.name ?? 'Error' });
    }
  };

  return {
    count(name, value = 1, dimension) {
      if (!Number.isFinite(value)) return;
      const bounded = dimension && { name: dimension.name, value: boundedCode(dimension.value) };
      const key = bounded ? `${name}|${bounded.name}|${bounded.value}` : name;
      const tally = tallies.get(key) ?? { name, dimension: bounded, value: 0 };
      tally.value += value;
      tallies.set(key, tally);
    },
    timing(name, ms) {
      if (!Number.isFinite(ms)) return;
      guarded(name, () => emf.addMetric(name, MetricUnit.Milliseconds, Math.max(0, ms)));
    },
    publish() {
      const lines = new Map<string, Tally[]>();
      for (const tally of tallies.values()) {
        const line = tally.dimension ? `${tally.dimension.name}|${tally.dimension.value}` : '';
        lines.set(line, [...(lines.get(line) ?? []), tally]);
      }
      tallies.clear();
      guarded('publish', () => {
        try {
          for (const { name, value } of lines.get('') ?? []) emf.addMetric(name, MetricUnit.Count, value);
          // Powertools warns on stderr when asked to publish nothing: an idle invocation is not news.
          if (emf.hasStoredMetrics()) emf.publishStoredMetrics();
          for (const [line, split] of lines) {
            const dimension = split[0]?.dimension;
            if (line === '' || !dimension) continue;
            emf.addDimension(dimension.name, dimension.value);
            for (const { name, value } of split) emf.addMetric(name, MetricUnit.Count, value);
            emf.publishStoredMetrics();
          }
        } finally {
          // Whatever failed half-way must not leak into the next invocation's lines.
          emf.clearMetrics();
          emf.clearDimensions();
        }
      });
    },
  };
}
