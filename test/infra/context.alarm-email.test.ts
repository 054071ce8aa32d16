import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ContextError, readAppContext } from '../../infra/context.js';

const read = (context: Record<string, unknown>) => readAppContext(new App({ context }).node);

describe('CDK context alarmEmail', () => {
  it('is optional', () => {
    expect(read({}).alarmEmail).toBeUndefined();
    expect(read({ alarmEmail: '' }).alarmEmail).toBeUndefined();
  });

  it('takes one e-mail address, trimmed', () => {
    expect(read({ alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(read({ alarmEmail: ' oncall+hr-sync@corp.example.co.uk ' }).alarmEmail).toBe(
      'oncall+hr-sync@corp.example.co.uk',
    );
  });

  it.each([
    ['no @', 'ops.example.com'],
    ['no domain', 'ops@'],
    ['no dot in the domain', 'ops@localhost'],
    ['two addresses', 'ops@example.com,dev@example.com'],
    ['a display name', 'Ops <ops@example.com>'],
    ['a space inside', 'ops team@example.com'],
  ])('refuses %s, saying which key, what it must be and what it got', (_, value) => {
    expect(() => read({ alarmEmail: value })).toThrow(ContextError);
    expect(() => read({ alarmEmail: value })).toThrow(
      `context: alarmEmail must be one e-mail address, such as ops@example.com, to receive the alarms (got ${value})`,
    );
  });

  it('refuses a value that is not a string', () => {
    expect(() => read({ alarmEmail: ['ops@example.com'] })).toThrow('context: alarmEmail must be a string');
  });
});
