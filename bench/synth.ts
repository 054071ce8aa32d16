import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { METAFILE_CONTEXT, SyncFunction } from '../infra/function.js';
import { type Bundles, synthBundles } from '../test/support/synth-bundles.js';
import { type StackSettings, stackSettings } from './stack-settings.js';

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
  /** The settings the figures depend on, read from the synthesised template (stack-settings.ts). */
  settings: StackSettings;
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
    settings: stackSettings(ours.outdir, ours),
    root,
  };
}
