import { describe, expect, it } from 'vitest';
import {
  AccessReviewEnv,
  LeaverNotifierEnv,
  type ReadElsewhere,
  ReceiverEnv,
  ReconcileEnv,
  RedriveEnv,
  WorkerEnv,
} from '../../lambda/app/environment.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const variablesOf = (fn: typeof stack.hrSync.receiver) =>
  Object.keys(
    (resourceProps(template, logicalId(fn.function)).Environment as { Variables: Record<string, unknown> })
      .Variables,
  ).sort();
const namesOf = (...schemas: { shape: object }[]) => schemas.flatMap((schema) => Object.keys(schema.shape));
const readElsewhere: (keyof ReadElsewhere)[] = ['HR_SYNC_CONFIG', 'POWERTOOLS_SERVICE_NAME'];
const sorted = (names: string[]) => [...new Set(names)].sort();

describe('each function’s environment, as the stack sets it', () => {
  it('is exactly what its handler reads (lambda/app/environment.ts), plus the config and the service name', () => {
    expect(variablesOf(stack.hrSync.receiver)).toEqual(sorted([...namesOf(ReceiverEnv), ...readElsewhere]));
    expect(variablesOf(stack.hrSync.worker)).toEqual(sorted([...namesOf(WorkerEnv), ...readElsewhere]));
    expect(variablesOf(stack.hrSync.redrive.fn)).toEqual(
      sorted([...namesOf(RedriveEnv, ReconcileEnv, AccessReviewEnv), ...readElsewhere]),
    );
    // It reads no config: the grace hours it states come as a variable of their own.
    expect(variablesOf(stack.hrSync.leaverNotices.fn)).toEqual(
      sorted([...namesOf(LeaverNotifierEnv), 'POWERTOOLS_SERVICE_NAME']),
    );
  });
});
