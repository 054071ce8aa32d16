import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, STACK_NAME } from '../../infra/hr-sync-app.js';
import type { HrSyncStack } from '../../infra/stack.js';
import { EXAMPLE_CONFIG_PATH, logicalId, synthStack } from './synth-template.js';

const outdirs: string[] = [];
afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('the e-mail subscription to the alarm topic', () => {
  it('is not made without alarmEmail: the operator subscribes as they like', () => {
    synthStack().template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the alarmEmail address to the alarm topic', () => {
    const { stack, template } = synthStack({ alarmEmail: 'ops@example.com' });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalId(stack.hrSync.operatorAlarms.topic) },
    });
  });

  it('takes the address from the CDK context -c alarmEmail=…', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-alarm-email-'));
    outdirs.push(outdir);
    const app = createApp({
      bundle: false,
      outdir,
      context: { config: EXAMPLE_CONFIG_PATH, alarmEmail: ' ops@example.com ' },
    });
    const template = Template.fromStack(app.node.findChild(STACK_NAME) as HrSyncStack);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(template.toJSON().Outputs.AlarmTopicArn).toBeDefined();
  });
});
