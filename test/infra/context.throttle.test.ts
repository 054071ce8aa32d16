import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ContextError, readAppContext } from '../../infra/context.js';
import { THROTTLE } from '../../infra/throttle.js';

const read = (throttle: unknown) => readAppContext(new App({ context: { throttle } }).node).throttle;
const refusal = (throttle: unknown) => {
  try {
    read(throttle);
  } catch (error) {
    expect(error).toBeInstanceOf(ContextError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('CDK context throttle', () => {
  it('is optional', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read('')).toBeUndefined();
  });

  it('takes JSON from -c and an object from cdk.json, either limit alone', () => {
    expect(read('{"bamboohr":{"rateLimit":2.5,"burstLimit":10},"hibob":{"burstLimit":7}}')).toEqual({
      bamboohr: { rateLimit: 2.5, burstLimit: 10 },
      hibob: { burstLimit: 7 },
    });
    expect(read({ personio: { rateLimit: 30 } })).toEqual({ personio: { rateLimit: 30 } });
  });

  it('refuses a name that is not a provider, listing the providers', () => {
    expect(refusal({ BambooHR: { rateLimit: 5 } })).toBe(
      'context: throttle.BambooHR is not a provider; use standard, bamboohr, merge, hibob, personio',
    );
    // A record schema alone would pass over these in silence.
    expect(refusal('{"__proto__":{"rateLimit":5}}')).toMatch(
      /^context: throttle\.__proto__ is not a provider/,
    );
    expect(refusal({ constructor: { rateLimit: 5 } })).toMatch(
      /^context: throttle\.constructor is not a provider/,
    );
  });

  it.each([
    [
      'a zero rate',
      { merge: { rateLimit: 0 } },
      'context: throttle.merge.rateLimit Too small: expected number to be >0',
    ],
    [
      'a negative burst',
      { merge: { burstLimit: -1 } },
      'context: throttle.merge.burstLimit Too small: expected number to be >0',
    ],
    [
      'a fractional burst',
      { merge: { burstLimit: 1.5 } },
      'context: throttle.merge.burstLimit Invalid input: expected int, received number',
    ],
    [
      'a rate as text',
      { merge: { rateLimit: '5' } },
      'context: throttle.merge.rateLimit Invalid input: expected number, received string',
    ],
    ['a misspelt limit', { merge: { rate: 5 } }, 'context: throttle.merge Unrecognized key: "rate"'],
    [
      'limits that are not an object',
      { merge: 5 },
      'context: throttle.merge Invalid input: expected object, received number',
    ],
    ['a list', [], 'context: throttle Invalid input: expected record, received array'],
  ])('refuses %s, saying where and what it must be', (_, throttle, first) => {
    const message = refusal(throttle);
    expect(message.split('\n')[0]).toBe(first);
    expect(message).toMatch(
      /\nexpected \{"<provider>": \{"rateLimit": <requests per second>, "burstLimit": <requests>\}\}/,
    );
  });

  it("refuses a limit above the stage's, which is the ceiling", () => {
    expect(refusal({ standard: { rateLimit: THROTTLE.rateLimit + 1 } }).split('\n')[0]).toBe(
      `context: throttle.standard.rateLimit Too big: expected number to be <=${THROTTLE.rateLimit}`,
    );
    expect(refusal({ standard: { burstLimit: THROTTLE.burstLimit + 1 } })).toMatch(
      `each at most the stage's rateLimit ${THROTTLE.rateLimit} and burstLimit ${THROTTLE.burstLimit}`,
    );
    expect(read({ standard: THROTTLE })).toEqual({ standard: THROTTLE });
  });

  it('refuses text that is not JSON, saying so', () => {
    expect(refusal('{bamboohr: 5}')).toMatch(
      /^context: throttle is not valid JSON \(.+\); expected \{"<provider>"/,
    );
  });
});
