import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { newAwsClient } from '../aws/sdk-client.js';
import { CommandError } from './exit-errors.js';

/** A deployed stack's outputs by key (`QueueUrl`, `HeymarketSecretArn`, …). */
export type StackOutputs = (stackName: string) => Promise<Record<string, string>>;

// DescribeStacks answers in well under a second; an operator at a terminal can wait longer than a webhook.
export const newCloudFormationClient = () =>
  newAwsClient(CloudFormationClient, { connectionMs: 2_000, requestMs: 5_000 });

export async function describeStackOutputs(
  stackName: string,
  client: CloudFormationClient = newCloudFormationClient(),
): Promise<Record<string, string>> {
  let output: DescribeStacksCommandOutput;
  try {
    output = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    // CloudFormation answers a stack it does not know with a ValidationError "Stack with id X does not exist".
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
      const region = await client.config.region().catch(() => 'this region');
      throw new CommandError(`no stack named ${stackName} in ${region}; check --stack and --region`);
    }
    throw error;
  }
  return Object.fromEntries(
    (output.Stacks?.[0]?.Outputs ?? []).flatMap((entry) =>
      entry.OutputKey && entry.OutputValue ? [[entry.OutputKey, entry.OutputValue]] : [],
    ),
  );
}

/** One DescribeStacks per stack for the whole command, however many outputs it reads. */
export function cachedStackOutputs(read: StackOutputs = describeStackOutputs): StackOutputs {
  const cache = new Map<string, Promise<Record<string, string>>>();
  return (stackName) => {
    let outputs = cache.get(stackName);
    if (!outputs) {
      outputs = read(stackName);
      cache.set(stackName, outputs);
    }
    return outputs;
  };
}
