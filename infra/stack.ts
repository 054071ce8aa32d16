import { Stack, type StackProps } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { HeymarketHrSync, type HeymarketHrSyncProps } from './heymarket-hr-sync.js';

export interface HrSyncStackProps extends StackProps, HeymarketHrSyncProps {
  /** false skips esbuild (template-only tests); the template is the same apart from asset hashes. */
  bundle?: boolean;
}

/**
 * The app's stack (infra/hr-sync-app.ts): one HeymarketHrSync. Schedules and replays not given as
 * props come from context (`-c reconcileSchedule=… -c redriveSchedule=… -c maxReplays=…`).
 */
export class HrSyncStack extends Stack {
  readonly hrSync: HeymarketHrSync;

  constructor(scope: Construct, id: string, props: HrSyncStackProps) {
    const { bundle, ...rest } = props;
    super(scope, id, rest);
    // Must precede every child: asset staging reads it to decide whether to run esbuild.
    if (bundle === false) this.node.setContext(BUNDLING_STACKS, []);

    const maxReplays: unknown = this.node.tryGetContext('maxReplays');
    // Id `Default` is left out of logical ids, so every resource keeps the logical id it had when the
    // stack built them itself: an existing deployment updates in place instead of replacing its
    // secrets, table and queues.
    this.hrSync = new HeymarketHrSync(this, 'Default', {
      ...rest,
      schedules: {
        reconcile: this.node.tryGetContext('reconcileSchedule'),
        redrive: this.node.tryGetContext('redriveSchedule'),
        ...rest.schedules,
      },
      maxReplays: rest.maxReplays ?? (maxReplays === undefined ? undefined : Number(maxReplays)),
    });
  }
}
