import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The settings the figures depend on, read from the synthesised template, never restated by hand. */
export interface StackSettings {
  receiver: FunctionSettings;
  worker: FunctionSettings;
  /** The worker's SQS event source. */
  batchSize: number;
  batchingWindowSeconds: number;
  maxConcurrency: number;
  /** The worker's timeout, and the visibility timeout of the queue its event source reads. */
  workerTimeoutSeconds: number;
  visibilityTimeoutSeconds: number;
}

export interface FunctionSettings {
  memoryMb: number;
  architecture: 'arm64' | 'x86_64';
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/**
 * Reads `outdir`'s template: each function is the `AWS::Lambda::Function` whose code is the asset
 * its bundle was built into (`asset.<hash>/index.mjs` deploys as `<hash>.zip`), the worker's event
 * source is the mapping that names that function, and its queue the one that mapping reads.
 */
export function stackSettings(outdir: string, bundles: { receiver: string; worker: string }): StackSettings {
  const file = readdirSync(outdir).find((name) => name.endsWith('.template.json'));
  if (!file) throw new Error(`bench: no template in ${outdir}`);
  const resources = Object.entries(
    (JSON.parse(readFileSync(join(outdir, file), 'utf8')) as { Resources: Record<string, Resource> })
      .Resources,
  );
  const functionOf = (bundle: string) => {
    const key = `${basename(dirname(bundle)).replace(/^asset\./, '')}.zip`;
    const found = resources.filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' && (r.Properties?.Code as { S3Key?: unknown })?.S3Key === key,
    );
    if (found.length !== 1)
      throw new Error(`bench: expected one function with code ${key}, found ${found.length}`);
    return found[0] as [string, Resource];
  };
  const settingsOf = ([, r]: [string, Resource]): FunctionSettings => {
    const memoryMb = r.Properties?.MemorySize;
    const architectures = r.Properties?.Architectures;
    if (typeof memoryMb !== 'number') throw new Error('bench: a function without MemorySize');
    return {
      memoryMb,
      architecture: Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
    };
  };
  const receiver = functionOf(bundles.receiver);
  const worker = functionOf(bundles.worker);
  const mappings = resources.filter(
    ([, r]) =>
      r.Type === 'AWS::Lambda::EventSourceMapping' &&
      (r.Properties?.FunctionName as { Ref?: unknown })?.Ref === worker[0],
  );
  if (mappings.length !== 1)
    throw new Error(`bench: expected one event source for the worker, found ${mappings.length}`);
  const mapping = (mappings[0] as [string, Resource])[1].Properties ?? {};
  const batchSize = mapping.BatchSize;
  const window = mapping.MaximumBatchingWindowInSeconds;
  const maxConcurrency = (mapping.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)
    ?.MaximumConcurrency;
  if (typeof batchSize !== 'number' || typeof window !== 'number' || typeof maxConcurrency !== 'number')
    throw new Error(
      'bench: the worker event source lacks BatchSize, MaximumBatchingWindowInSeconds or MaximumConcurrency',
    );
  const queueId = (mapping.EventSourceArn as { 'Fn::GetAtt'?: unknown[] } | undefined)?.['Fn::GetAtt']?.[0];
  const queue = resources.find(([id, r]) => id === queueId && r.Type === 'AWS::SQS::Queue')?.[1];
  const visibilityTimeoutSeconds = queue?.Properties?.VisibilityTimeout;
  const workerTimeoutSeconds = worker[1].Properties?.Timeout;
  if (typeof visibilityTimeoutSeconds !== 'number' || typeof workerTimeoutSeconds !== 'number')
    throw new Error("bench: the worker has no Timeout, or its event source's queue no VisibilityTimeout");
  return {
    receiver: settingsOf(receiver),
    worker: settingsOf(worker),
    batchSize,
    batchingWindowSeconds: window,
    maxConcurrency,
    workerTimeoutSeconds,
    visibilityTimeoutSeconds,
  };
}
