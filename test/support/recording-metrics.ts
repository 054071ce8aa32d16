import {
  boundedCode,
  type CountName,
  type MetricDimension,
  type Metrics,
  type TimingName,
} from '../../lambda/observability/metrics.js';

/**
 * The Metrics port, remembered: counts summed per `Name` or `Name{dimension=value}` (the value bounded
 * as the Powertools adapter bounds it), timings as given. What a service emitted, without EMF.
 */
export function recordingMetrics() {
  const counts: Record<string, number> = {};
  const timings: Partial<Record<TimingName, number[]>> = {};
  const metrics: Metrics = {
    count(name: CountName, value = 1, dimension?: MetricDimension) {
      const key = dimension ? `${name}{${dimension.name}=${boundedCode(dimension.value)}}` : name;
      counts[key] = (counts[key] ?? 0) + value;
    },
    timing(name: TimingName, ms: number) {
      timings[name] = [...(timings[name] ?? []), ms];
    },
  };
  return { metrics, counts, timings };
}
