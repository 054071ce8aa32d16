import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import type { Config } from '../lambda/config/schema.js';
import { ProviderName, providerOf } from '../lambda/providers/index.js';
import type { OperatorAlarms } from './alarms.js';
import type { AppliedTable } from './applied-table.js';
import type { SyncDashboard } from './dashboard.js';
import type { SyncQueues } from './queues.js';
import type { WebhookApi } from './webhook-api.js';

/** The stack output holding one provider's webhook URL: `WebhookUrlStandard`, `WebhookUrlBamboohr`, … */
export function webhookUrlOutputId(provider: ProviderName): string {
  return `WebhookUrl${provider.charAt(0).toUpperCase()}${provider.slice(1)}`;
}

/**
 * What the outputs read from a HeymarketHrSync, declared here so that this file does not import the
 * construct that calls it (an import cycle).
 */
export interface SyncOutputSource extends IConstruct {
  readonly config: Config;
  readonly operatorAlarms: OperatorAlarms;
  readonly dashboard: SyncDashboard;
  readonly webhookApi: WebhookApi;
  readonly queues: SyncQueues;
  readonly appliedTable: AppliedTable;
  readonly heymarketSecret: secretsmanager.ISecret;
  readonly webhookSecret: secretsmanager.ISecret;
  readonly hrisSecret: secretsmanager.ISecret;
}

/**
 * The outputs an operator and the `hr-sync` CLI read (`--stack`). Output keys are the plain names
 * (`QueueUrl`) for the app's own instance (id `Default`), and the instance id before them
 * (`TeamAQueueUrl`) for any other, rather than CDK's hashed ids, so they stay readable. No exports:
 * an export name must be unique in the region, and nothing here needs another stack to import it.
 */
export function addSyncOutputs(sync: SyncOutputSource): void {
  const prefix = sync.node.id === 'Default' ? '' : sync.node.id.replace(/[^A-Za-z0-9]/g, '');
  const output = (name: string, value: string, description?: string) =>
    new CfnOutput(sync, name, { value, description }).overrideLogicalId(`${prefix}${name}`);

  output(
    'AlarmTopicArn',
    sync.operatorAlarms.topic.topicArn,
    'Every alarm notifies this SNS topic: subscribe to it (or deploy with -c alarmEmail=...).',
  );
  output(
    'DashboardUrl',
    `https://console.aws.amazon.com/cloudwatch/home?region=${Stack.of(sync).region}#dashboards:name=${sync.dashboard.dashboard.dashboardName}`,
    'The CloudWatch dashboard of the sync: alarms, deliveries, batches, Heymarket, queues.',
  );
  const webhooksUrl = `${sync.webhookApi.api.url}webhooks/`;
  output(
    'WebhookUrl',
    webhooksUrl,
    `Base of every webhook URL: append the provider (${ProviderName.options.join(', ')}).`,
  );
  // Only enabled providers get one: a disabled provider answers 404, so its URL is of no use to anyone.
  for (const provider of ProviderName.options) {
    if (!sync.config.providers[provider].enabled) continue;
    output(
      webhookUrlOutputId(provider),
      `${webhooksUrl}${provider}`,
      `Give this to ${providerOf(provider).title} as its webhook URL.`,
    );
  }
  output('QueueUrl', sync.queues.queue.queueUrl);
  output('DlqUrl', sync.queues.deadLetterQueue.queueUrl);
  output('HeymarketSecretArn', sync.heymarketSecret.secretArn);
  output('WebhookSecretArn', sync.webhookSecret.secretArn);
  output('HrisSecretArn', sync.hrisSecret.secretArn);
  // For `hr-sync status --stack`, which reads the newest applied changes from it.
  output('AppliedTableName', sync.appliedTable.table.tableName);
}
