import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { HeymarketHrSync, type HeymarketHrSyncProps } from '../../infra/heymarket-hr-sync.js';
import { createApp } from '../../infra/hr-sync-app.js';
import { EXAMPLE_CONFIG_PATH } from './synth-template.js';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** A bare stack of the caller's own app, as another team's CDK app would hold it; no esbuild. */
function teamStack(): Stack {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-construct-'));
  outdirs.push(outdir);
  const stack = new Stack(new App({ outdir }), 'Platform');
  stack.node.setContext(BUNDLING_STACKS, []);
  return stack;
}

const sales: HeymarketHrSyncProps = {
  namePrefix: 'Sales',
  config: { providers: { standard: { enabled: true } } },
};
const support: HeymarketHrSyncProps = {
  namePrefix: 'Support',
  configFile: EXAMPLE_CONFIG_PATH,
  schedules: { reconcile: 'cron(0 3 * * ? *)' },
};

function twoTeams() {
  const stack = teamStack();
  const a = new HeymarketHrSync(stack, 'Sales', sales);
  const b = new HeymarketHrSync(stack, 'Support', support);
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return { a, b, template: Template.fromStack(stack).toJSON() };
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

interface Resource {
  Type: string;
  Properties: {
    [key: string]: unknown;
    Environment?: { Variables: Record<string, string> };
    Namespace?: string;
    Dimensions?: { Name: string; Value: unknown }[];
    ScheduleExpression?: string;
    QueueName?: unknown;
  };
}

describe('the HeymarketHrSync construct', () => {
  const { a, b, template } = twoTeams();
  const resources = Object.values(template.Resources as Record<string, Resource>);

  it('gives each instance in one stack its own queue, dashboard and API names', () => {
    const names = (type: string, key: string) =>
      resources.filter((r) => r.Type === type).map((r) => JSON.stringify(r.Properties[key]));
    expect(
      names('AWS::SQS::Queue', 'QueueName')
        .filter((name) => name !== undefined)
        .sort(),
    ).toEqual(
      ['"Sales-changes"', '"Sales-changes-dlq"', '"Support-changes"', '"Support-changes-dlq"'].sort(),
    );
    const dashboards = names('AWS::CloudWatch::Dashboard', 'DashboardName');
    expect(dashboards).toHaveLength(2);
    expect(new Set(dashboards).size).toBe(2);
    expect(names('AWS::ApiGateway::RestApi', 'Name').sort()).toEqual([
      '"Sales-webhooks"',
      '"Support-webhooks"',
    ]);
  });

  it('counts each instance under its own service, so one team’s alarms never see the other’s metrics', () => {
    expect([a.serviceName, b.serviceName]).toEqual(['heymarket-hr-sync-Sales', 'heymarket-hr-sync-Support']);
    const envs = resources
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => r.Properties.Environment?.Variables.POWERTOOLS_SERVICE_NAME);
    expect(envs.sort()).toEqual([
      ...Array(4).fill('heymarket-hr-sync-Sales'),
      ...Array(4).fill('heymarket-hr-sync-Support'),
    ]);
    const alarmServices = resources
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === 'HeymarketHrSync')
      .map((r) => r.Properties.Dimensions?.find((d) => d.Name === 'service')?.Value);
    expect(new Set(alarmServices)).toEqual(new Set([a.serviceName, b.serviceName]));
  });

  it('keys each instance’s outputs by its id, and the config decides which webhook URLs it has', () => {
    const keys = Object.keys(template.Outputs as object);
    expect(keys).toContain('SalesQueueUrl');
    expect(keys).toContain('SupportQueueUrl');
    expect(keys).toContain('SalesWebhookUrlStandard');
    expect(keys.filter((key) => key.startsWith('Sales') && key.includes('WebhookUrl'))).toEqual([
      'SalesWebhookUrl',
      'SalesWebhookUrlStandard',
    ]);
    expect(a.config.providers.standard.enabled).toBe(true);
    expect(b.config).toBeDefined();
  });

  it('takes each instance’s own schedules', () => {
    const schedules = resources
      .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
      .map((r) => r.Properties.ScheduleExpression);
    expect(schedules.sort()).toEqual(['cron(0 3 * * ? *)', 'rate(1 day)', 'rate(1 hour)', 'rate(1 hour)']);
  });

  it('refuses a second instance with a prefix already used in the stack, naming both', () => {
    const stack = teamStack();
    new HeymarketHrSync(stack, 'One', sales);
    expect(() => new HeymarketHrSync(stack, 'Two', sales)).toThrow(
      'HeymarketHrSync Platform/Two: namePrefix Sales is already used by Platform/One in the same stack; give each instance its own props.namePrefix',
    );
  });

  it('refuses props it cannot deploy, naming the prop and what to give instead', () => {
    const make = (props: HeymarketHrSyncProps) => () => new HeymarketHrSync(teamStack(), 'Sync', props);
    expect(make({ namePrefix: 'X' })).toThrow(
      'HeymarketHrSync Platform/Sync: give exactly one of props.config and props.configFile',
    );
    expect(make({ ...sales, configFile: EXAMPLE_CONFIG_PATH })).toThrow(/exactly one of props.config/);
    expect(make({ ...sales, heymarketBaseUrl: 'http://api.heymarket.com' })).toThrow(
      'HeymarketHrSync Platform/Sync: props.heymarketBaseUrl must be an https:// URL',
    );
    expect(
      make({ ...sales, hrisSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hris' }),
    ).toThrow(
      /props.hrisSecretArn must be the complete ARN of a Secrets Manager secret, with its 6-character suffix/,
    );
    expect(make({ ...sales, alarmEmail: 'ops' })).toThrow(/props.alarmEmail must be one e-mail address/);
    expect(make({ ...sales, namePrefix: 'sales team' })).toThrow(
      /props.namePrefix must start with a letter and hold only letters, digits and hyphens/,
    );
    expect(make({ ...sales, namePrefix: `S${'x'.repeat(68)}` })).toThrow(/props.namePrefix/);
    expect(make({ ...sales, wafRateLimitPer5Min: 5 })).toThrow(/props.wafRateLimitPer5Min/);
    expect(make({ ...sales, config: { roles: { rules: 'none' } } as never })).toThrow(
      /config: roles.rules .* in props.config of Platform\/Sync/,
    );
  });
});

describe('the app’s stack', () => {
  const appWith = (context: Record<string, string>) => {
    const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-stack-name-'));
    outdirs.push(outdir);
    return createApp({ bundle: false, outdir, context: { config: EXAMPLE_CONFIG_PATH, ...context } });
  };

  it('is named HeymarketHrSync, or what context stackName says, and its names follow the stack name', () => {
    expect(appWith({}).node.children.map((child) => child.node.id)).toEqual(['HeymarketHrSync']);
    const app = appWith({ stackName: 'HrSyncStaging' });
    const stack = app.node.findChild('HrSyncStaging') as Stack;
    const queues = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, Resource>)
      .filter((r) => r.Type === 'AWS::SQS::Queue' && r.Properties.QueueName)
      .map((r) => r.Properties.QueueName);
    expect(queues.sort()).toEqual(['HrSyncStaging-changes', 'HrSyncStaging-changes-dlq']);
  }, 60_000);

  it('refuses a stackName CloudFormation would refuse', () => {
    expect(() => appWith({ stackName: 'hr sync' })).toThrow(
      'context: stackName must start with a letter and hold only letters, digits and hyphens, 128 at most (got hr sync)',
    );
  });
});
