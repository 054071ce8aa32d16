import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import { METAFILE_CONTEXT } from '../../infra/function.js';
import { createApp, STACK_NAME } from '../../infra/hr-sync-app.js';
import type { HrSyncStack } from '../../infra/stack.js';

export interface Bundles {
  /** Absolute paths of the bundled handler modules (ESM), exactly as they would be deployed. */
  receiver: string;
  worker: string;
  scheduler: string;
  leaverNotifier: string;
  /**
   * The esbuild metafiles beside them (what makes each bundle big): asked for with METAFILE_CONTEXT,
   * which a deploy leaves off (test/infra/function-assets.no-metafile.test.ts).
   */
  metafiles: { receiver: string; worker: string; scheduler: string; leaverNotifier: string };
  /** The cloud assembly directory; the caller removes it when done. */
  outdir: string;
}

/**
 * Synthesises the app for real, bundling every function with the local esbuild (no Docker), and
 * returns where the bundles are. Takes a few seconds: call it once per test file (`beforeAll`).
 */
export function synthBundles(options: { outdir?: string; config?: string } = {}): Bundles {
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'hr-sync-bundles-'));
  const app = createApp({
    outdir,
    bundle: true,
    context: { config: options.config ?? 'hr-sync.config.example.json', [METAFILE_CONTEXT]: true },
  });
  const assembly = app.synth();
  const stack = app.node.findChild(STACK_NAME) as HrSyncStack;

  const bundleDir = (fn: Construct) =>
    join(assembly.directory, (fn.node.findChild('Code') as Asset).assetPath);
  const receiverDir = bundleDir(stack.hrSync.receiver.function);
  const workerDir = bundleDir(stack.hrSync.worker.function);
  const schedulerDir = bundleDir(stack.hrSync.redrive.fn.function);
  const leaverNotifierDir = bundleDir(stack.hrSync.leaverNotices.fn.function);
  const bundles: Bundles = {
    receiver: join(receiverDir, 'index.mjs'),
    worker: join(workerDir, 'index.mjs'),
    scheduler: join(schedulerDir, 'index.mjs'),
    leaverNotifier: join(leaverNotifierDir, 'index.mjs'),
    metafiles: {
      receiver: join(receiverDir, 'index.meta.json'),
      worker: join(workerDir, 'index.meta.json'),
      scheduler: join(schedulerDir, 'index.meta.json'),
      leaverNotifier: join(leaverNotifierDir, 'index.meta.json'),
    },
    outdir: assembly.directory,
  };
  for (const path of [bundles.receiver, bundles.worker, bundles.scheduler, bundles.leaverNotifier]) {
    if (!existsSync(path)) throw new Error(`synthBundles: expected a bundle at ${path}`);
  }
  return bundles;
}
