import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { QueueFlags } from './dlq-args.js';
import { UsageError } from './dlq-args.js';

export interface QueueUrls {
  queueUrl: string;
  dlqUrl: string;
}

type StackOutputs = (stackName: string) => Promise<Record<string, string>>;

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
      );
    }
  }
  if (!queueUrl || !dlqUrl) {
    throw new UsageError(
      `no ${!dlqUrl ? 'DLQ' : 'main queue'} URL: pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)`,
    );
  }
  return { queueUrl, dlqUrl };
}

async function describeStackOutputs(stackName: string): Promise<Record<string, string>> {
  const client = new CloudFormationClient({});
  const output = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  return Object.fromEntries(
    (output.Stacks?.[0]?.Outputs ?? []).flatMap((entry) =>
      entry.OutputKey && entry.OutputValue ? [[entry.OutputKey, entry.OutputValue]] : [],
    ),
  );
}
