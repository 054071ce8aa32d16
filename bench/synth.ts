import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { METAFILE_CONTEXT, SyncFunction } from '../infra/function.js';
import { type Bundles, synthBundles } from '../test/support/synth-bundles.js';

export const FUNCTIONS = ['receiver', 'worker', 'scheduler'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface BenchBundles {
  ours: Bundles;
  /** Baseline modules (only the same SDK clients), bundled by the same `SyncFunction` construct. */
  baseline: Record<FunctionName, string>;
  /** Their esbuild metafiles, to check they carry the same SDK commands as ours. */
  baselineMetafiles: Record<FunctionName, string>;
  /** The minimal hand-written receiver (bench/peer/receiver.ts), bundled the same way. */
  peer: string;
  /** `MaximumConcurrency` of the worker's SQS event source, as synthesised. */
  maxConcurrency: number;
  root: string;
}

/**
 * The real app, synthesised and bundled as `cdk synth` does (test/support/synth-bundles.ts), plus the
 * baselines bundled through the very construct the functions use, so their esbuild options cannot
 * drift from infra/function.ts (run.ts and a test check they import the very SDK commands each
 * function bundles: sdk-commands.ts).
 */
export function synthAll(): BenchBundles {
  const root = mkdtempSync(join(tmpdir(), 'hr-sync-bench-'));
  const ours = synthBundles({ outdir: join(root, 'app') });

  const app = new App({ outdir: join(root, 'baseline'), context: { [METAFILE_CONTEXT]: true } });
  const stack = new Stack(app, 'Baseline');
  const dirs = {} as Record<FunctionName, string>;
  for (const name of FUNCTIONS) {
    const fn = new SyncFunction(stack, `Baseline-${name}`, {
      entry: fileURLToPath(new URL(`./baseline/${name}.ts`, import.meta.url)),
      description: `cold-init baseline for the ${name}`,
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: {},
    });
    dirs[name] = (fn.function.node.findChild('Code') as Asset).assetPath;
  }
  const peer = new SyncFunction(stack, 'Peer-receiver', {
    entry: fileURLToPath(new URL('./peer/receiver.ts', import.meta.url)),
    description: 'the minimal hand-written receiver the bench compares ours with',
    timeout: Duration.seconds(10),
    memorySize: 512,
    environment: {},
  });
  const peerDir = (peer.function.node.findChild('Code') as Asset).assetPath;
  const assembly = app.synth();
  const baseline = {} as Record<FunctionName, string>;
  const baselineMetafiles = {} as Record<FunctionName, string>;
  for (const name of FUNCTIONS) {
    baseline[name] = join(assembly.directory, dirs[name], 'index.mjs');
    baselineMetafiles[name] = join(assembly.directory, dirs[name], 'index.meta.json');
  }

  return {
    ours,
    baseline,
    baselineMetafiles,
    peer: join(assembly.directory, peerDir, 'index.mjs'),
    maxConcurrency: synthesisedMaxConcurrency(ours.outdir),
    root,
  };
}

function synthesisedMaxConcurrency(outdir: string): number {
  const file = readdirSync(outdir).find((name) => name.endsWith('.template.json'));
  if (!file) throw new Error(`bench: no template in ${outdir}`);
  const template = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as {
    Resources: Record<
      string,
      { Type: string; Properties?: { ScalingConfig?: { MaximumConcurrency?: number } } }
    >;
  };
  const values = Object.values(template.Resources).flatMap((resource) =>
    resource.Type === 'AWS::Lambda::EventSourceMapping' &&
    resource.Properties?.ScalingConfig?.MaximumConcurrency
      ? [resource.Properties.ScalingConfig.MaximumConcurrency]
      : [],
  );
  if (values.length !== 1)
    throw new Error(`bench: expected one event source with maxConcurrency, found ${values.length}`);
  return values[0] as number;
}
