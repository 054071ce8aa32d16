import { accessReviewWarnings } from '../config/access-review.js';
import { ConfigError } from '../config/load.js';
import { withDotEnv } from '../config/local-env.js';
import type { Log } from '../observability/log.js';
import { bannerLines } from './banner.js';
import { type LocalHost, startLocalHost } from './host.js';
import { readHostSettings } from './host-settings.js';
import { localLog } from './log-format.js';
import { watchNpm } from './parent-watch.js';

// Ctrl-C under `npm start` may reach the host twice at once (from the terminal and from npm): a
// repeat this soon is the same request to stop, not a second one.
const REPEAT_WINDOW_MS = 1_000;

/**
 * `npm start`: the whole pipeline in one process, no AWS account. Settings come from the environment
 * (and a `.env` file here) and `hr-sync.config.json`; data lives in `.hr-sync/`. SIGTERM or SIGINT
 * stops taking deliveries, finishes the batch in flight and exits 0; a second one exits at once,
 * which loses nothing either: every change answered 202 is already on disk.
 */
async function main(): Promise<void> {
  // Whatever this process creates is its user's alone: the data directory holds names, emails and
  // secrets. data-dir.ts also sets the modes of what is there, whatever created it.
  process.umask(0o077);
  let host: LocalHost;
  let log: Log;
  try {
    // HR_SYNC_LOG_FORMAT, NO_COLOR and HR_SYNC_DEBUG may come from `.env` too, as every other setting.
    log = localLog(withDotEnv(process.env, process.cwd()).env, {
      stdout: process.stdout,
      stderr: process.stderr,
    });
    const settings = readHostSettings(process.env, process.cwd());
    host = await startLocalHost(settings, { log });
    process.stdout.write(`${bannerLines(host, settings).join('\n')}\n`);
    // Valid but probably not meant (an acknowledgement that has run out): said once, never fatal.
    for (const warning of accessReviewWarnings(
      settings.config,
      Date.now(),
      settings.configFile ?? 'the configuration',
    )) {
      process.stderr.write(`warning: ${warning}\n`);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`hr-sync: cannot start\n${error.message}\n`);
    process.exit(1);
  }

  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals | 'npm exited') => {
    if (stoppingSince !== undefined && Date.now() - stoppingSince < REPEAT_WINDOW_MS) return;
    if (stoppingSince !== undefined) {
      process.stderr.write(
        `${signal} again: exiting now; changes not yet applied stay queued for the next start\n`,
      );
      process.exit(1);
    }
    stoppingSince = Date.now();
    const stopped = host.stop();
    process.stdout.write(`${signal}: stopping; no new deliveries, finishing the batch in flight\n`);
    stopped.then(
      () => {
        process.stdout.write('stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // npm sets npm_lifecycle_event for the scripts it runs: under `npm start`, stop with npm, as on SIGTERM.
  if (process.env.npm_lifecycle_event !== undefined) watchNpm(() => stop('npm exited'));
}

await main();
