import { afterEach, describe, expect, it } from 'vitest';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

const lease = (owner: string, until: number) => ({ owner, until });

describe('local applied store: one run at a time per employee', () => {
  it('gives a first claim an empty state', async () => {
    temp = openTemp();
    const outcomes = await temp.applied.claim(['standard#-#E1'], lease('run-a', temp.clock.ms + 70_000));
    expect(outcomes.get('standard#-#E1')).toEqual({ kind: 'claimed', state: { fields: {} } });
  });

  it("answers busy while another run's lease has not expired, and lets the employee go once it has", async () => {
    temp = openTemp();
    const until = temp.clock.ms + 70_000;
    await temp.applied.claim(['E1', 'E2'], lease('run-a', until));

    const during = await temp.applied.claim(['E1', 'E3'], lease('run-b', until + 1_000));
    expect(during.get('E1')).toEqual({ kind: 'busy' });
    expect(during.get('E3')?.kind).toBe('claimed');

    temp.clock.ms = until + 1;
    expect((await temp.applied.claim(['E1'], lease('run-b', until + 80_000))).get('E1')?.kind).toBe(
      'claimed',
    );
  });

  it('lets the owner claim again, and frees the employee when it is released', async () => {
    temp = openTemp();
    const until = temp.clock.ms + 70_000;
    await temp.applied.claim(['E1'], lease('run-a', until));
    expect((await temp.applied.claim(['E1'], lease('run-a', until))).get('E1')?.kind).toBe('claimed');

    await temp.applied.release([{ employeeKey: 'E1', fields: {} }], 'run-a');

    expect((await temp.applied.claim(['E1'], lease('run-b', until))).get('E1')?.kind).toBe('claimed');
  });

  it('ends every lease on recovery, since the host owning the data directory has no other run alive', async () => {
    temp = openTemp();
    const until = temp.clock.ms + 70_000;
    await temp.applied.claim(['E1'], lease('killed-run', until));

    expect(await temp.applied.recover()).toEqual({ leasesEnded: 1, expired: 0 });

    expect((await temp.applied.claim(['E1'], lease('new-run', until))).get('E1')?.kind).toBe('claimed');
  });

  it('fails only the employee whose record is unreadable, as a transient error naming it', async () => {
    temp = openTemp();
    await temp.applied.claim(['E1', 'E2'], lease('run-a', temp.clock.ms + 70_000));
    await temp.applied.release(
      [
        { employeeKey: 'E1', fields: {} },
        { employeeKey: 'E2', fields: {} },
      ],
      'run-a',
    );
    temp.db.prepare("UPDATE applied SET fields = '{\"first_name\": 3}' WHERE employee_key = 'E1'").run();

    const outcomes = await temp.applied.claim(['E1', 'E2'], lease('run-b', temp.clock.ms + 70_000));

    expect(outcomes.get('E1')).toMatchObject({
      kind: 'failed',
      error: { kind: 'transient', code: 'applied-store-unavailable', message: expect.stringContaining('E1') },
    });
    expect(outcomes.get('E2')?.kind).toBe('claimed');
  });
});
