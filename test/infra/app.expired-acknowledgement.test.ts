import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { synthStack } from './synth-template.js';

const configWith = (until: string) =>
  parseConfig(
    {
      providers: { standard: { enabled: true } },
      accessReview: { acknowledged: [{ employee: 'standard:E1', until, reason: 'kept for the audit' }] },
    },
    'hr-sync.config.json',
  );

/** The warnings `cdk synth` prints: the warning metadata on the stack's constructs. */
const warningsOf = (stack: Stack) =>
  stack.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === 'aws:cdk:warning')
    .map((entry) => String(entry.data))
    .filter((text) => text.includes('acknowledged'));

describe('cdk synth with an acknowledgement that has run out', () => {
  it('synthesizes, with a warning naming the entry and saying its findings show again', () => {
    const { stack } = synthStack({ config: configWith('2020-01-31'), configSource: 'hr-sync.config.json' });
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining(
        'config: accessReview.acknowledged[0].until 2020-01-31 has passed, so the findings for standard:E1 show again',
      ),
    ]);
  });

  it('says nothing while the acknowledgement holds', () => {
    const { stack } = synthStack({ config: configWith('2999-12-31'), configSource: 'hr-sync.config.json' });
    expect(warningsOf(stack)).toEqual([]);
  });
});
