import type { QueueFlags } from './dlq-args.js';
import { UsageError } from './exit-errors.js';
import { describeStackOutputs, type StackOutputs } from './stack-outputs.js';

export interface QueueUrls {
  queueUrl: string;
  dlqUrl: string;
}

/** Flags first, then `QUEUE_URL`/`DLQ_URL`, then the stack's `QueueUrl`/`DlqUrl` outputs. */
export async function resolveQueueUrls(
  flags: QueueFlags,
  env: Record<string, string | undefined> = process.env,
  outputsOf: StackOutputs = describeStackOutputs,
): Promise<QueueUrls> {
  let queueUrl = flags.queueUrl ?? env.QUEUE_URL;
  let dlqUrl = flags.dlqUrl ?? env.DLQ_URL;
  if ((!queueUrl || !dlqUrl) && flags.stack) {
    const outputs = await outputsOf(flags.stack);
    queueUrl ??= outputs.QueueUrl;
    dlqUrl ??= outputs.DlqUrl;
    if (!queueUrl || !dlqUrl) {
      throw new UsageError(
        `stack ${flags.stack} has no QueueUrl/DlqUrl outputs: is it a heymarket-hr-sync stack, deployed in this region (AWS_REGION)?`,
        false,
      );
    }
  }
  if (!queueUrl || !dlqUrl) {
    throw new UsageError(
      `no ${!dlqUrl ? 'DLQ' : 'main queue'} URL: pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)`,
      false,
    );
  }
  return { queueUrl, dlqUrl };
}
