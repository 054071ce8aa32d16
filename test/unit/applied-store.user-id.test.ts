import { afterEach, describe, expect, it } from 'vitest';
import { toState } from '../../lambda/aws/applied-store.js';
import { openTemp } from '../local/support/temp-queue.js';

const BAD_IDS = [0, -1, 1.5, 2 ** 53];

// The user id the applied store keeps is read back as the user to patch: one that is no positive
// safe integer is forgotten (the worker finds the user by email again), never sent, never a stall.
describe('a user id read back from the applied store', () => {
  let temp: ReturnType<typeof openTemp> | undefined;
  afterEach(() => temp?.close());

  it.each(BAD_IDS)('is dropped when DynamoDB holds %s', (id) => {
    expect(toState({ pk: { S: 'E1' }, userId: { N: String(id) } }, Date.now())).toEqual({ fields: {} });
  });

  it('is kept from DynamoDB when it is a positive safe integer', () => {
    expect(toState({ pk: { S: 'E1' }, userId: { N: '1001' } }, Date.now())).toEqual({
      userId: 1001,
      fields: {},
    });
  });

  it.each(BAD_IDS)(
    'is dropped when the local store holds %s, and the employee is still claimed',
    async (id) => {
      temp = openTemp();
      const { applied, db, clock } = temp;
      const lease = (owner: string) => ({ owner, until: clock.ms + 70_000 });
      await applied.claim(['E1'], lease('run-a'));
      await applied.release([{ employeeKey: 'E1', userId: 1001, fields: {} }], 'run-a');
      db.prepare('UPDATE applied SET user_id = ? WHERE employee_key = ?').run(id, 'E1');

      const outcome = (await applied.claim(['E1'], lease('run-b'))).get('E1');

      expect(outcome).toEqual({ kind: 'claimed', state: { fields: {} } });
    },
  );
});
