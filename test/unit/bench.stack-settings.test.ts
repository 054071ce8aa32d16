import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackSettings } from '../../bench/stack-settings.js';

/**
 * A cloud assembly holding only what the reader looks at: two functions, the worker's event source
 * and its queue.
 */
function assembly(
  mapping: Record<string, unknown>,
  queue: Record<string, unknown> = { VisibilityTimeout: 365 },
) {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-settings-'));
  for (const hash of ['aaa', 'bbb']) mkdirSync(join(outdir, `asset.${hash}`));
  const template = {
    Resources: {
      Receiver: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Key: 'aaa.zip' }, MemorySize: 1024, Architectures: ['arm64'] },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Key: 'bbb.zip' }, MemorySize: 512, Architectures: ['x86_64'], Timeout: 60 },
      },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          FunctionName: { Ref: 'Worker' },
          EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          ...mapping,
        },
      },
      Queue: { Type: 'AWS::SQS::Queue', Properties: queue },
    },
  };
  writeFileSync(join(outdir, 'App.template.json'), JSON.stringify(template));
  return {
    outdir,
    bundles: {
      receiver: join(outdir, 'asset.aaa', 'index.mjs'),
      worker: join(outdir, 'asset.bbb', 'index.mjs'),
    },
  };
}

describe('the stack settings the bench prices and batches by', () => {
  it('are read from the synthesised template: each function found by its bundle’s asset', () => {
    const { outdir, bundles } = assembly({
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    expect(stackSettings(outdir, bundles)).toEqual({
      receiver: { memoryMb: 1024, architecture: 'arm64' },
      worker: { memoryMb: 512, architecture: 'x86_64' },
      batchSize: 50,
      batchingWindowSeconds: 5,
      maxConcurrency: 2,
      workerTimeoutSeconds: 60,
      visibilityTimeoutSeconds: 365,
    });
  });

  it('refuse a template whose worker event source does not say its batching window', () => {
    const { outdir, bundles } = assembly({ BatchSize: 50, ScalingConfig: { MaximumConcurrency: 2 } });
    expect(() => stackSettings(outdir, bundles)).toThrow(/MaximumBatchingWindowInSeconds/);
  });

  it('refuse a template whose worker queue does not say its visibility timeout', () => {
    const { outdir, bundles } = assembly(
      { BatchSize: 50, MaximumBatchingWindowInSeconds: 5, ScalingConfig: { MaximumConcurrency: 2 } },
      {},
    );
    expect(() => stackSettings(outdir, bundles)).toThrow(/VisibilityTimeout/);
  });
});
