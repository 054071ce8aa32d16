import { describe, expect, it } from 'vitest';
import { createApp, STACK_NAME } from '../../infra/hr-sync-app.js';
import type { HrSyncStack } from '../../infra/stack.js';
import {
  actionsOf,
  EXAMPLE_CONFIG_PATH,
  logicalId,
  policyStatements,
  resourceProps,
  synthStack,
} from './synth-template.js';

const heymarketSecretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:heymarket-AbCdEf';
const webhookSecretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hr-webhooks-123abc';
const hrisSecretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hr-apis-Zz9Yy8';

describe('secrets', () => {
  it('are created holding {} when no ARN is given, for the operator to fill in', () => {
    const { stack, template } = synthStack();
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    for (const secret of [
      stack.hrSync.heymarketSecret,
      stack.hrSync.webhookSecret,
      stack.hrSync.hrisSecret,
    ]) {
      const props = resourceProps(template, logicalId(secret));
      expect(props.SecretString).toBe('{}');
      expect(props.GenerateSecretString).toBeUndefined();
    }
  });

  it('are used by full ARN instead when given, in grants, environment and outputs', () => {
    const { stack, template } = synthStack({ heymarketSecretArn, webhookSecretArn, hrisSecretArn });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);

    const env = (fn: typeof stack.hrSync.receiver) =>
      (resourceProps(template, logicalId(fn.function)).Environment as { Variables: Record<string, unknown> })
        .Variables;
    expect(env(stack.hrSync.receiver).WEBHOOK_SECRET_ARN).toBe(webhookSecretArn);
    expect(env(stack.hrSync.worker).HEYMARKET_SECRET_ARN).toBe(heymarketSecretArn);
    expect(env(stack.hrSync.worker).HRIS_SECRET_ARN).toBe(hrisSecretArn);

    const readable = (roleId: string) =>
      policyStatements(template, roleId)
        .filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'))
        .map((statement) => statement.Resource);
    expect(readable(logicalId(stack.hrSync.receiver.role))).toEqual([webhookSecretArn]);
    expect(readable(logicalId(stack.hrSync.worker.role)).sort()).toEqual(
      [heymarketSecretArn, hrisSecretArn].sort(),
    );

    const outputs = template.toJSON().Outputs;
    expect(outputs.HeymarketSecretArn.Value).toBe(heymarketSecretArn);
    expect(outputs.WebhookSecretArn.Value).toBe(webhookSecretArn);
    expect(outputs.HrisSecretArn.Value).toBe(hrisSecretArn);
  });

  it('can mix: an existing Heymarket secret and a created webhook secret', () => {
    const { template } = synthStack({ heymarketSecretArn });
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  it('can mix: an existing HR API secret and created Heymarket and webhook secrets', () => {
    const { stack, template } = synthStack({ hrisSecretArn });
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    expect(template.toJSON().Outputs.HrisSecretArn.Value).toBe(hrisSecretArn);
    expect(template.toJSON().Outputs.HeymarketSecretArn.Value).toEqual({
      Ref: logicalId(stack.hrSync.heymarketSecret),
    });
  });

  it('are taken from CDK context by the app, as `cdk deploy -c …Arn=` passes them', () => {
    const app = createApp({
      bundle: false,
      context: { config: EXAMPLE_CONFIG_PATH, heymarketSecretArn, webhookSecretArn, hrisSecretArn },
    });
    const stack = app.node.findChild(STACK_NAME) as HrSyncStack;
    expect(stack.hrSync.heymarketSecret.secretArn).toBe(heymarketSecretArn);
    expect(stack.hrSync.webhookSecret.secretArn).toBe(webhookSecretArn);
    expect(stack.hrSync.hrisSecret.secretArn).toBe(hrisSecretArn);
  });
});
