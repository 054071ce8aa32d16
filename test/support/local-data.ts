import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { DeadLetterReason } from '../../lambda/core/dead-letter.js';
import { createSqliteAppliedStore } from '../../lambda/local/applied-store.js';
import { DATA_FILE, openDatabase } from '../../lambda/local/database.js';
import { createLocalQueue, MAX_RECEIVE_COUNT } from '../../lambda/local/sqlite-queue.js';
import { makeChange } from './changes.js';
import { scratchDir } from './cli.js';

/** What the bodies below hold of a person: none of it may reach the CLI's output. */
export const PERSONAL = ['ada@example.test', 'Ada', 'Lovelace', 'grace@example.test', 'Grace', 'Hopper'];

const reason = (errorClass: string): DeadLetterReason => ({
  errorClass,
  message: `failed with ${errorClass}`,
  attempt: 3,
  firstSeenAt: '2026-03-01T09:00:00.000Z',
  requestId: 'req-1',
});

/**
 * A working directory holding `.hr-sync/hr-sync.db` as the local host leaves it, written through its
 * own adapters: on the main queue 2 waiting and 1 held by a worker; in the DLQ `unknown-email` twice
 * (standard E-a, hibob E-b), `heymarket-5xx` once (standard E-c), and one SQS-style after
 * maxReceiveCount receives (standard E-d, no reason); two employees applied, one only claimed.
 */
export async function localDataDir(): Promise<LocalData> {
  const cwd = scratchDir();
  const dataDir = join(cwd.path, '.hr-sync');
  mkdirSync(dataDir, { mode: 0o700 });
  const file = join(dataDir, DATA_FILE);
  const db = openDatabase(file);
  let ids = 0;
  const queue = createLocalQueue({ db, newId: () => `m-${++ids}` });
  const applied = createSqliteAppliedStore({ db });
  const person = { workEmail: 'grace@example.test', firstName: 'Grace', lastName: 'Hopper' };

  const deadLetters: Record<string, string> = {};
  for (const [eventId, provider, errorClass] of [
    ['a', 'standard', 'unknown-email'],
    ['b', 'hibob', 'unknown-email'],
    ['c', 'standard', 'heymarket-5xx'],
  ] as const) {
    await queue.send([makeChange({ eventId, provider, employee: { id: `E-${eventId}`, ...person } })]);
    const [record] = await queue.receive(1, 30);
    if (!record) throw new Error('no record');
    await queue.deadLetter(record, reason(errorClass));
    deadLetters[eventId] = (await queue.listDeadLetters()).at(-1)?.messageId ?? '';
  }
  await queue.send([makeChange({ eventId: 'd', employee: { id: 'E-d' } })]);
  for (let receive = 0; receive <= MAX_RECEIVE_COUNT; receive += 1) await queue.receive(1, 0);
  deadLetters.d = (await queue.listDeadLetters()).at(-1)?.messageId ?? '';

  await queue.send([
    makeChange({ eventId: 'q1', employee: { id: 'E1' } }),
    makeChange({ eventId: 'q2', employee: { id: 'E2' } }),
    makeChange({ eventId: 'q3', employee: { id: 'E3' } }),
  ]);
  // A worker holds the first of them.
  await queue.receive(1, 300);

  const lease = { owner: 'worker-1', until: Date.now() + 60_000 };
  const at = (iso: string) => Date.parse(iso);
  await applied.claim(['standard#-#E1', 'hibob#636192#E2', 'merge#-#E3'], lease);
  await applied.release(
    [
      {
        employeeKey: 'standard#-#E1',
        userId: 42,
        fields: {
          first_name: { at: at('2026-02-01T09:06:00Z'), key: 'idempotency-1-SHOULD-NOT-PRINT' },
          role_id: { at: at('2026-01-30T10:00:00Z'), key: 'idempotency-2-SHOULD-NOT-PRINT' },
        },
      },
      {
        employeeKey: 'hibob#636192#E2',
        userId: 7,
        fields: { last_name: { at: at('2026-02-02T08:00:00Z'), key: 'idempotency-3-SHOULD-NOT-PRINT' } },
      },
    ],
    lease.owner,
  );
  // merge#-#E3 stays claimed with nothing applied: not an applied change.
  db.close();

  return { cwd: cwd.path, dataDir, file, deadLetters, remove: cwd.remove };
}

export interface LocalData {
  /** The working directory holding `.hr-sync/`. */
  cwd: string;
  /** Absolute, as the CLI prints it. */
  dataDir: string;
  file: string;
  /** The dead letters' message ids, by the eventId of their change. */
  deadLetters: Record<string, string>;
  remove: () => void;
}

/** `localDataDir()` written before the file's tests and removed after them. */
export function useLocalData(): LocalData {
  const data = {} as LocalData;
  beforeAll(async () => {
    Object.assign(data, await localDataDir());
  });
  afterAll(() => data.remove?.());
  return data;
}
