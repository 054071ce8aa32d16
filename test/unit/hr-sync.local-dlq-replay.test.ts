import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../lambda/local/database.js';
import { createLocalQueue } from '../../lambda/local/sqlite-queue.js';
import { runCli } from '../support/cli.js';
import { PERSONAL, useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
const data = useLocalData();

/** The data file as the host would read it next; `receive` takes what waits on the main queue. */
async function readBack({ receive = false } = {}) {
  const db = openDatabase(data.file);
  try {
    const queue = createLocalQueue({ db });
    const deadLetters = (await queue.listDeadLetters()).map((view) => view.eventId);
    const waiting = receive ? await queue.receive(10, 0) : [];
    return { deadLetters, waiting };
  } finally {
    db.close();
  }
}

describe('hr-sync dlq replay against the local data', () => {
  it('with --dry-run says what a filter would move, and moves nothing', TIMEOUT, async () => {
    const run = await runCli(['dlq', 'replay', '--error-class', 'unknown-email', '--dry-run', '--json'], {
      cwd: data.cwd,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      dryRun: true,
      examined: 4,
      moved: 2,
      kept: 2,
      failed: 0,
      notDeleted: 0,
      movedByErrorClass: { 'unknown-email': 2 },
    });
    expect((await readBack()).deadLetters).toEqual(['a', 'b', 'c', 'd']);
  });

  it(
    'moves what the filter selects back to the main queue, replayCount + 1 and the reason dropped',
    TIMEOUT,
    async () => {
      const run = await runCli(['dlq', 'replay', '--error-class', 'unknown-email', '--provider', 'hibob'], {
        cwd: data.cwd,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('moved 1 of 4 examined; 3 left in the DLQ\n       1  unknown-email\n');
      for (const text of PERSONAL) expect(run.stdout + run.stderr).not.toContain(text);

      const { deadLetters, waiting } = await readBack({ receive: true });
      expect(deadLetters).toEqual(['a', 'c', 'd']);
      const replayed = waiting.find((record) => record.attributes.eventId === 'b');
      expect(replayed?.attributes).toEqual({
        provider: 'hibob',
        eventId: 'b',
        type: 'employee.updated',
        replayCount: '1',
      });
      expect(JSON.parse(replayed?.body ?? '{}').employee.id).toBe('E-b');
    },
  );
});
