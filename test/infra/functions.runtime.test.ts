import { describe, expect, it } from 'vitest';
import { RECEIVER_TIMEOUT, WORKER_TIMEOUT } from '../../infra/heymarket-hr-sync.js';
import { LEAVER_NOTIFIER_TIMEOUT } from '../../infra/leaver-notices.js';
import { REDRIVE_TIMEOUT } from '../../infra/scheduled-redrive.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const functions = [
  { name: 'receiver', construct: stack.hrSync.receiver, timeout: RECEIVER_TIMEOUT.toSeconds() },
  { name: 'worker', construct: stack.hrSync.worker, timeout: WORKER_TIMEOUT.toSeconds() },
  { name: 'scheduler', construct: stack.hrSync.redrive.fn, timeout: REDRIVE_TIMEOUT.toSeconds() },
  {
    name: 'leaver notifier',
    construct: stack.hrSync.leaverNotices.fn,
    timeout: LEAVER_NOTIFIER_TIMEOUT.toSeconds(),
  },
];

describe.each(functions)('the $name function', ({ construct, timeout }) => {
  const props = resourceProps(template, logicalId(construct.function));

  it('runs on Node.js 24, arm64, with at least 512 MB', () => {
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.MemorySize).toBeGreaterThanOrEqual(512);
  });

  it(`times out after ${timeout} s`, () => {
    expect(props.Timeout).toBe(timeout);
  });

  it('exports handler from the bundled index module', () => {
    expect(props.Handler).toBe('index.handler');
  });

  it('logs JSON to its own log group, kept for a month', () => {
    const logGroupId = logicalId(construct.logGroup);
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } });
    expect(resourceProps(template, logGroupId).RetentionInDays).toBe(30);
  });

  it('has its own role with no AWS managed policy', () => {
    const roleId = logicalId(construct.role);
    expect(props.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(resourceProps(template, roleId).ManagedPolicyArns).toBeUndefined();
  });
});

describe('the four functions', () => {
  it('have separate roles and log groups', () => {
    const constructs = functions.map(({ construct }) => construct);
    expect(new Set(constructs.map((fn) => logicalId(fn.role))).size).toBe(4);
    expect(new Set(constructs.map((fn) => logicalId(fn.logGroup))).size).toBe(4);
    template.resourceCountIs('AWS::Lambda::Function', 4);
  });
});
