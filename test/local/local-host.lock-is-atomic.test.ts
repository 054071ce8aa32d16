import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../lambda/local/host-lock.js';
import { tempDir } from './support/temp-queue.js';

const CONTENDER = fileURLToPath(new URL('./support/lock-contender.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const CONTENDERS = 6;
const ROUNDS = 25;
// A pid above the kernel's pid_max: never running, so the lock it names was left by a killed host.
const GONE_PID = 99_999_999;

type Answer = { round: number; held: boolean; pid: number };

let dir: ReturnType<typeof tempDir>;
let children: ChildProcess[] = [];

beforeAll(async () => {
  dir = tempDir();
  children = Array.from({ length: CONTENDERS }, () =>
    fork(CONTENDER, [dir.path], {
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(
    children.map((child) => new Promise<void>((resolve) => child.once('message', () => resolve()))),
  );
});

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send('exit');
        }),
    ),
  );
  dir.remove();
});

/** All contenders try at the same instant; resolves with each one's answer. */
function race(round: number): Promise<Answer[]> {
  const at = Date.now() + 50;
  return Promise.all(
    children.map(
      (child) =>
        new Promise<Answer>((resolve) => {
          const onMessage = (answer: Answer) => {
            if (answer.round !== round) return;
            child.off('message', onMessage);
            resolve(answer);
          };
          child.on('message', onMessage);
          child.send({ round, at });
        }),
    ),
  );
}

describe('local host lock: six hosts starting at once over a stale lock', () => {
  it('lets exactly one of them hold it, every time, and the lock names that one', {
    timeout: 60_000,
  }, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      writeFileSync(join(dir.path, LOCK_FILE), `${GONE_PID}\n`);
      const holders = (await race(round)).filter((answer) => answer.held);
      expect(holders, `round ${round}`).toHaveLength(1);
      expect(readFileSync(join(dir.path, LOCK_FILE), 'utf8')).toBe(`${holders[0]?.pid}\n`);
    }
    // Nothing of a takeover is left behind: the lock alone.
    expect(readdirSync(dir.path)).toEqual([LOCK_FILE]);
  });

  it('lets exactly one of them hold it when there is no lock yet', { timeout: 60_000 }, async () => {
    for (let round = ROUNDS; round < ROUNDS + 10; round += 1) {
      rmSync(join(dir.path, LOCK_FILE), { force: true });
      const holders = (await race(round)).filter((answer) => answer.held);
      expect(holders, `round ${round}`).toHaveLength(1);
      expect(readFileSync(join(dir.path, LOCK_FILE), 'utf8')).toBe(`${holders[0]?.pid}\n`);
    }
  });
});
