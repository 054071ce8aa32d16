import { type ChannelListener, subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import FakeTimers from '@sinonjs/fake-timers';

export interface VirtualClock {
  /** Runs `work` to its end, moving the clock to the next timer whenever nothing else can progress. */
  run<T>(work: Promise<T>): Promise<T>;
  uninstall(): void;
}

// Turns of the event loop with no HTTP request open before the clock may move: a request's answer
// resolves the caller's promise a few microtask and immediate turns after its socket closes.
const QUIET_TURNS = 4;
const STUCK_MS = 30_000;

/**
 * Fakes `Date`, `setTimeout` and `setInterval` for the whole process (bundles imported afterwards
 * read them from the global scope) and runs code in virtual time: the clock stays still while any
 * HTTP request is open (Node's `http.client.request.start` diagnostics channel, every `node:http`
 * client in the process, the bundled AWS SDK and Heymarket client included) and jumps to the next
 * timer only when everything is waiting on one. A rate limiter's sleep, a retry's backoff and an
 * idle poll so cost no wall time, and a request's timeout cannot fire while its answer is on its way.
 * `setImmediate` and `process.nextTick` stay real: they are how the loop below sees quiet.
 */
export function installVirtualClock(startMs: number): VirtualClock {
  const clock = FakeTimers.install({
    now: startMs,
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  });
  let open = 0;
  const onStart: ChannelListener = (message) => {
    const { request } = message as { request: ClientRequest };
    open += 1;
    request.once('close', () => {
      open -= 1;
    });
  };
  subscribe('http.client.request.start', onStart);
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const quiet = async (ended: () => boolean) => {
    for (let still = 0; still < QUIET_TURNS && !ended(); ) {
      await turn();
      still = open === 0 ? still + 1 : 0;
    }
  };

  return {
    async run<T>(work: Promise<T>): Promise<T> {
      let ended = false;
      let stuckSince: number | undefined;
      const settled = work.then(
        () => {
          ended = true;
        },
        () => {
          ended = true;
        },
      );
      while (!ended) {
        await quiet(() => ended);
        if (ended) break;
        if (clock.countTimers() > 0) {
          clock.next();
          stuckSince = undefined;
          continue;
        }
        // Waiting on something that is neither HTTP nor a timer (a file, a crypto job): real time.
        stuckSince ??= performance.now();
        if (performance.now() - stuckSince > STUCK_MS)
          throw new Error(
            'virtual clock: no HTTP request open and no timer set for 30 s, yet the work has not ended',
          );
        await turn();
      }
      await settled;
      return work;
    },
    uninstall() {
      unsubscribe('http.client.request.start', onStart);
      clock.uninstall();
    },
  };
}
