import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PERSONAL, useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
const data = useLocalData();

describe('hr-sync dlq show against the local data', () => {
  it("prints one dead letter's reason and ids, never a name or an email", TIMEOUT, async () => {
    const id = data.deadLetters.b;
    const run = await runCli(['dlq', 'show', String(id)], { cwd: data.cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`message ${id}\n`);
    expect(run.stdout).toContain('  provider hibob, event b, type employee.updated, employee E-b\n');
    expect(run.stdout).toContain('  replayed 0 time(s)\n');
    expect(run.stdout).toContain('  errorClass: unknown-email\n');
    expect(run.stdout).toContain('  errorMessage: failed with unknown-email\n');
    expect(run.stdout).toContain('  attempt: 3\n');
    for (const text of PERSONAL) expect(run.stdout + run.stderr).not.toContain(text);
  });

  it('prints the view as JSON; one moved by maxReceiveCount has no reason', TIMEOUT, async () => {
    const id = String(data.deadLetters.d);
    const run = await runCli(['dlq', 'show', id, '--json'], { cwd: data.cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      messageId: id,
      provider: 'standard',
      eventId: 'd',
      type: 'employee.updated',
      employeeId: 'E-d',
      replayCount: 0,
      attributes: { provider: 'standard', eventId: 'd', type: 'employee.updated' },
    });
    for (const text of PERSONAL) expect(run.stdout).not.toContain(text);
  });

  it('says where else to look when the id is not in the DLQ, exit 1', TIMEOUT, async () => {
    const run = await runCli(['dlq', 'show', 'no-such-id'], { cwd: data.cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'no message with message id or event id no-such-id among the 1000 first received from the DLQ',
    );
  });
});
