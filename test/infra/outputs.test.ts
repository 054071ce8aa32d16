import { describe, expect, it } from 'vitest';
import { logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

describe('stack outputs', () => {
  it('give the webhook URL for the standard provider', () => {
    const url = outputs.WebhookUrl?.Value as { 'Fn::Join': [string, unknown[]] };
    const parts = url['Fn::Join'][1];
    expect(parts[0]).toBe('https://');
    expect(parts.at(-1)).toBe('/webhooks/standard');
    expect(JSON.stringify(parts)).toContain(logicalId(stack.webhookApi.api));
  });

  it('give the queue and DLQ URLs and both secret ARNs', () => {
    expect(outputs.QueueUrl?.Value).toEqual({ Ref: logicalId(stack.queues.queue) });
    expect(outputs.DlqUrl?.Value).toEqual({ Ref: logicalId(stack.queues.deadLetterQueue) });
    expect(outputs.HeymarketSecretArn?.Value).toEqual({ Ref: logicalId(stack.heymarketSecret) });
    expect(outputs.WebhookSecretArn?.Value).toEqual({ Ref: logicalId(stack.webhookSecret) });
  });
});
