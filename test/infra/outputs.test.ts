import { describe, expect, it } from 'vitest';
import { webhookUrlOutputId } from '../../infra/outputs.js';
import { parseConfig } from '../../lambda/config/load.js';
import { logicalId, synthStack } from './synth-template.js';

type Outputs = Record<string, { Value: unknown }>;
const outputsOf = (template: ReturnType<typeof synthStack>['template']) =>
  template.toJSON().Outputs as Outputs;

const { stack, template } = synthStack();
const outputs = outputsOf(template);

/** The parts of an output's `Fn::Join` value. */
function urlParts(output: { Value: unknown } | undefined): unknown[] {
  if (!output) throw new Error('no such output');
  return (output.Value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
}
const webhookUrlIds = (all: Outputs) =>
  Object.keys(all)
    .filter((id) => id.startsWith('WebhookUrl'))
    .sort();

describe('stack outputs', () => {
  it('give the base of every webhook URL, for the operator to append a provider to', () => {
    const parts = urlParts(outputs.WebhookUrl);
    expect(parts[0]).toBe('https://');
    expect(parts.at(-1)).toBe('/webhooks/');
    expect(JSON.stringify(parts)).toContain(logicalId(stack.hrSync.webhookApi.api));
  });

  it('give a webhook URL for the standard provider only, with the example config', () => {
    expect(webhookUrlIds(outputs)).toEqual(['WebhookUrl', 'WebhookUrlStandard']);
    const parts = urlParts(outputs.WebhookUrlStandard);
    expect(parts.at(-1)).toBe('/webhooks/standard');
    expect(parts.slice(0, -1)).toEqual(urlParts(outputs.WebhookUrl).slice(0, -1));
  });

  it('give one webhook URL per enabled provider and none for a disabled one', () => {
    const config = parseConfig(
      { providers: { bamboohr: { enabled: true }, hibob: { enabled: true }, merge: { enabled: false } } },
      'two-providers.json',
    );
    const all = outputsOf(synthStack({ config }).template);
    expect(webhookUrlIds(all)).toEqual(
      ['WebhookUrl', 'WebhookUrlBamboohr', 'WebhookUrlHibob', 'WebhookUrlStandard'].sort(),
    );
    expect(urlParts(all.WebhookUrlBamboohr).at(-1)).toBe('/webhooks/bamboohr');
    expect(urlParts(all.WebhookUrlHibob).at(-1)).toBe('/webhooks/hibob');
  });

  it('give no provider URL when every provider is disabled, only the base', () => {
    const config = parseConfig({ providers: { standard: { enabled: false } } }, 'none.json');
    expect(webhookUrlIds(outputsOf(synthStack({ config }).template))).toEqual(['WebhookUrl']);
  });

  it('name each provider URL after the provider, the way the URL spells it', () => {
    expect(webhookUrlOutputId('standard')).toBe('WebhookUrlStandard');
    expect(webhookUrlOutputId('bamboohr')).toBe('WebhookUrlBamboohr');
    expect(webhookUrlOutputId('merge')).toBe('WebhookUrlMerge');
    expect(webhookUrlOutputId('hibob')).toBe('WebhookUrlHibob');
    expect(webhookUrlOutputId('personio')).toBe('WebhookUrlPersonio');
  });

  it('give the queue and DLQ URLs and the three secret ARNs', () => {
    expect(outputs.QueueUrl?.Value).toEqual({ Ref: logicalId(stack.hrSync.queues.queue) });
    expect(outputs.DlqUrl?.Value).toEqual({ Ref: logicalId(stack.hrSync.queues.deadLetterQueue) });
    expect(outputs.HeymarketSecretArn?.Value).toEqual({ Ref: logicalId(stack.hrSync.heymarketSecret) });
    expect(outputs.WebhookSecretArn?.Value).toEqual({ Ref: logicalId(stack.hrSync.webhookSecret) });
    expect(outputs.HrisSecretArn?.Value).toEqual({ Ref: logicalId(stack.hrSync.hrisSecret) });
  });

  it('give the applied table name, for hr-sync status --stack', () => {
    expect(outputs.AppliedTableName?.Value).toEqual({ Ref: logicalId(stack.hrSync.appliedTable.table) });
  });
});
