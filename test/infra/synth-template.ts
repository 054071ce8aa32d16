import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { STACK_NAME } from '../../infra/hr-sync-app.js';
import { HrSyncStack, type HrSyncStackProps } from '../../infra/stack.js';
import { loadConfigFile } from '../../lambda/config/load-file.js';

export const EXAMPLE_CONFIG_PATH = 'hr-sync.config.example.json';
export const exampleConfig = () => loadConfigFile(EXAMPLE_CONFIG_PATH);

/**
 * The stack as a template, named as the app names it by default, fast: no esbuild (`bundle: false`) and no built-in CloudFormation schema
 * validation (`CDK_VALIDATION=false`). cdk-nag and the real bundles have tests of their own.
 */
export function synthStack(props: Partial<HrSyncStackProps> = {}, context: Record<string, string> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-template-'));
  const app = new App({ outdir, context });
  const stack = new HrSyncStack(app, STACK_NAME, {
    config: exampleConfig(),
    configSource: EXAMPLE_CONFIG_PATH,
    heymarketBaseUrl: 'https://api.heymarket.com',
    bundle: false,
    ...props,
  });
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return { stack, template: Template.fromStack(stack) };
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The logical id CloudFormation knows a construct by (its default child for an L2). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

/** The properties of one resource, by logical id. */
export function resourceProps(template: Template, id: string): Record<string, unknown> {
  const resource = template.toJSON().Resources?.[id];
  if (!resource) throw new Error(`no resource ${id} in the template`);
  return resource.Properties ?? {};
}

/** The statements of the role's inline (default) policy, by the role's logical id. */
export function policyStatements(template: Template, roleId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The resources (as JSON) of the statements in `list` that allow `action`. */
export const grantsOf = (list: Statement[], action: string) =>
  list
    .filter((statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action))
    .map((statement) => JSON.stringify(statement.Resource));

/** The environment variables of a function, by its logical id. */
export const variablesOf = (template: Template, fnId: string) =>
  (resourceProps(template, fnId).Environment as { Variables: Record<string, unknown> }).Variables;

/**
 * The scheduler function of `synthStack()` (the reconcile and the redrive run in it): the logical ids its
 * tests name and its role's statements.
 */
export function synthScheduler() {
  const { stack, template } = synthStack();
  const ids = {
    queue: logicalId(stack.hrSync.queues.queue),
    dlq: logicalId(stack.hrSync.queues.deadLetterQueue),
    fn: logicalId(stack.hrSync.redrive.fn.function),
    role: logicalId(stack.hrSync.redrive.fn.role),
  };
  return { stack, template, ids, statements: policyStatements(template, ids.role) };
}
