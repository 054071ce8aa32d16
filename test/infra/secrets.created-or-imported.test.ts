import { describe, expect, it } from 'vitest';
import { actionsOf, logicalId, policyStatements, resourceProps, synthStack } from './synth-template.js';

const heymarketSecretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:heymarket-AbCdEf';
const webhookSecretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hr-webhooks-123abc';

describe('secrets', () => {
  it('are created holding {} when no ARN is given, for the operator to fill in', () => {
    const { stack, template } = synthStack();
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    for (const secret of [stack.heymarketSecret, stack.webhookSecret]) {
      const props = resourceProps(template, logicalId(secret));
      expect(props.SecretString).toBe('{}');
      expect(props.GenerateSecretString).toBeUndefined();
    }
  });

  it('are used by full ARN instead when given, in grants, environment and outputs', () => {
    const { stack, template } = synthStack({ heymarketSecretArn, webhookSecretArn });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);

    const env = (fn: typeof stack.receiver) =>
      (resourceProps(template, logicalId(fn.function)).Environment as { Variables: Record<string, unknown> })
        .Variables;
    expect(env(stack.receiver).WEBHOOK_SECRET_ARN).toBe(webhookSecretArn);
    expect(env(stack.worker).HEYMARKET_SECRET_ARN).toBe(heymarketSecretArn);

    const readable = (roleId: string) =>
      policyStatements(template, roleId)
        .filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'))
        .map((statement) => statement.Resource);
    expect(readable(logicalId(stack.receiver.role))).toEqual([webhookSecretArn]);
    expect(readable(logicalId(stack.worker.role))).toEqual([heymarketSecretArn]);

    const outputs = template.toJSON().Outputs;
    expect(outputs.HeymarketSecretArn.Value).toBe(heymarketSecretArn);
    expect(outputs.WebhookSecretArn.Value).toBe(webhookSecretArn);
  });

  it('can mix: an existing Heymarket secret and a created webhook secret', () => {
    const { template } = synthStack({ heymarketSecretArn });
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });
});
