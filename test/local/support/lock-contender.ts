import { acquireHostLock } from '../../../lambda/local/host-lock.js';

/**
 * One of several processes racing for the same host lock (local-host.lock-is-atomic.test.ts): on
 * each `go`, it waits for the instant the parent named, so all of them try at once, then reports
 * whether it got the lock. It never releases it: the parent makes the lock stale for the next round.
 */
const [dataDir] = process.argv.slice(2);
if (!dataDir || !process.send) throw new Error('usage: lock-contender.ts DATA_DIR (with an IPC channel)');

process.on('message', (message: { round: number; at: number } | 'exit') => {
  if (message === 'exit') process.exit(0);
  while (Date.now() < message.at) {
    // Spin rather than sleep: a timer would scatter the start by a millisecond or more.
  }
  let held = false;
  try {
    acquireHostLock(dataDir);
    held = true;
  } catch {
    // Refused: another contender holds it.
  }
  process.send?.({ round: message.round, held, pid: process.pid });
});
process.send({ ready: true });
