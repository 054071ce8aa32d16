import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildReceiver } from '../app/build-receiver.js';
import { buildReconcile } from '../app/build-scheduler.js';
import { buildWorker } from '../app/build-worker.js';
import { ConfigError } from '../config/load.js';
import { webhookSecretVariable } from '../config/local-env.js';
import type { HeymarketSecret } from '../config/secrets.js';
import { permanent } from '../core/errors.js';
import { BUCKET_BURST, LOCAL_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import type { Log } from '../observability/log.js';
import { ProviderName } from '../providers/index.js';
import { notifyingReviewStore } from '../service/notifying-review-store.js';
import { createSqliteAccessReviewStore } from './access-review-store.js';
import { resolveAdminToken } from './admin-token.js';
import { createSqliteAppliedStore, readRememberedUserIds } from './applied-store.js';
import { prepareDataDir } from './data-dir.js';
import { DATA_FILE, errorCode, openDatabase } from './database.js';
import { createSqliteDeliveryMemory } from './delivery-memory.js';
import { acquireHostLock } from './host-lock.js';
import { type HostSettings, urlHost } from './host-settings.js';
import { createFileLeaverNotifier } from './leaver-notifier.js';
import { type ResolvedWebhookSecrets, resolveWebhookSecrets } from './local-secrets.js';
import { startReconcileRunner } from './reconcile-runner.js';
import { checkExposure } from './request-guard.js';
import { type SandboxHeymarket, startSandboxHeymarket } from './sandbox-heymarket.js';
import { createLocalServer, type Health } from './server.js';
import { createLocalQueue } from './sqlite-queue.js';
import { startWorkerLoop, type WorkerLoopOptions } from './worker-loop.js';

export { DATA_FILE };
export const SANDBOX_STATE_FILE = 'sandbox-heymarket.json';
// A connection still open this long after a stop began (a slow sender) is cut: what it sent was
// either committed and answered, or not, and then the sender retries.
const CLOSE_GRACE_MS = 10_000;

export interface LocalHost {
  /** `http://127.0.0.1:3000`: where `/webhooks/{provider}` and `/healthz` are. */
  url: string;
  dataFile: string;
  enabledProviders: ProviderName[];
  webhookSecrets: ResolvedWebhookSecrets;
  /** The generated admin token's file, or undefined when HR_SYNC_ADMIN_TOKEN gives it. */
  adminTokenFile: string | undefined;
  /** The built-in Heymarket, when no Heymarket credentials were given. */
  sandbox: SandboxHeymarket | undefined;
  /** Messages a killed run was holding, handed back at start. */
  recovered: number;
  /**
   * Stops accepting deliveries at once (before the first await), lets those in progress finish,
   * finishes the batch in flight, then closes the data file. Nothing accepted is lost.
   */
  stop(): Promise<void>;
}

export interface LocalHostDeps {
  log: Log;
  now?: () => number;
  /** Overrides for the worker loop (tests: a shorter idle wait). */
  worker?: Partial<Pick<WorkerLoopOptions, 'idleWaitMs' | 'batchTimeoutMs' | 'visibilitySeconds'>>;
}

/**
 * The single-process host: the receiver service behind node:http, the worker service behind a loop
 * over the SQLite queue, both built by lambda/app/ as for Lambda, from SQLite and sandbox adapters.
 */
export async function startLocalHost(settings: HostSettings, deps: LocalHostDeps): Promise<LocalHost> {
  const { log, now = Date.now } = deps;
  const { config } = settings;
  checkExposure(settings.host, settings.adminToken);
  prepareDataDir(settings.dataDir);
  const lock = acquireHostLock(settings.dataDir);
  const cleanups: (() => Promise<void> | void)[] = [() => lock.release()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    const dataFile = join(settings.dataDir, DATA_FILE);
    const db = openDatabase(dataFile);
    cleanups.push(() => {
      db.close();
    });
    const queue = createLocalQueue({ db, now });
    const applied = createSqliteAppliedStore({ db, now });
    // This host owns the directory (the lock): whatever a previous run still held, it held when killed.
    const recovered = await queue.recoverHeld();
    const { leasesEnded } = await applied.recover();
    // The start banner (banner.ts) says how many changes were queued again; the log adds only what it does not.
    if (leasesEnded > 0) log.info('applied-state leases of a previous run ended', { leasesEnded });

    const enabledProviders = ProviderName.options.filter((name) => config.providers[name].enabled);
    const webhookSecrets = resolveWebhookSecrets(settings.dataDir, settings.webhookSecrets, enabledProviders);
    const admin = resolveAdminToken(settings.dataDir, settings.adminToken);

    let sandbox: SandboxHeymarket | undefined;
    let target: { baseUrl: string; secret: HeymarketSecret };
    if (settings.heymarket.kind === 'sandbox') {
      const started = await startSandboxHeymarket({
        stateFile: join(settings.dataDir, SANDBOX_STATE_FILE),
        log,
        now,
      });
      cleanups.push(() => started.close());
      sandbox = started;
      target = { baseUrl: started.url, secret: started.secret };
    } else {
      target = settings.heymarket;
    }

    // Every write of the review (reconcile, worker) is followed by its leaver notice, as the stack's
    // table stream does: one place decides who is named, and marks them.
    const accessReviewStore = notifyingReviewStore(createSqliteAccessReviewStore(db), {
      notifier: createFileLeaverNotifier({
        dataDir: settings.dataDir,
        graceHours: config.accessReview.leaverGraceHours,
        log,
        now,
      }),
      log,
      now,
    });
    // The same graph as the Lambda functions' (lambda/app/), with local adapters in place of AWS ones.
    const worker = buildWorker({
      config,
      heymarket: {
        baseUrl: target.baseUrl,
        credentials: async () => target.secret,
        rateLimit: { perMinute: LOCAL_SHARE_PER_MINUTE, burst: BUCKET_BURST },
      },
      hrisSecrets: async () => settings.hris,
      deadLetters: { send: (record, reason) => queue.deadLetter(record, reason) },
      applied,
      accessReview: accessReviewStore,
      log,
      now,
    });
    const loop = startWorkerLoop({ queue, sync: worker.sync, log, now, ...deps.worker });
    cleanups.push(() => loop.stop());
    const enqueue = async (changes: Parameters<typeof queue.send>[0]) => {
      await queue.send(changes);
      loop.wake();
    };

    // No saved state: see reconcile-runner.ts. Stopped before the worker, so what a run in flight
    // enqueues stays queued.
    const reconcileRunner = startReconcileRunner({
      // Built for each run (its HR API clients start afresh), on the worker's Heymarket client, not
      // one of its own: one process, one share of Heymarket's budget.
      reconcile: (options) =>
        buildReconcile({
          config,
          heymarket: { client: worker.heymarket },
          hrisSecrets: async () => settings.hris,
          queue: { send: enqueue },
          accessReview: {
            store: accessReviewStore,
            remembered: async () => readRememberedUserIds(db),
          },
          log,
          now,
        })(options),
      everyMs: settings.reconcileEveryMs,
      log,
      now,
    });
    cleanups.push(() => reconcileRunner.stop());

    const receiver = buildReceiver({
      config,
      webhookSecret: async (provider) => {
        const secret = webhookSecrets.secrets[provider];
        if (!secret) {
          throw permanent(
            'secret-invalid',
            `no webhook secret for ${provider}: set ${webhookSecretVariable(provider)}`,
          );
        }
        return secret;
      },
      enqueue,
      deliveries: createSqliteDeliveryMemory({ db }),
      now,
      log,
    });
    const health = async (): Promise<Health> => {
      const heymarketKind = sandbox ? 'sandbox' : 'remote';
      try {
        const { queue: depth, deadLetters } = await queue.counts();
        return {
          status: 200,
          body: {
            status: 'ok',
            queue: { visible: depth.visible, inFlight: depth.inFlight },
            dlq: deadLetters.total,
            heymarket: heymarketKind,
          },
        };
      } catch (error) {
        log.error('health check failed', { code: errorCode(error) });
        return { status: 503, body: { status: 'unavailable', heymarket: heymarketKind } };
      }
    };
    const server = createLocalServer({
      receive: receiver.receive,
      health,
      reconcile: (request) => reconcileRunner.run(request, 'request'),
      accessReview: () => accessReviewStore.read(),
      adminToken: admin.token,
      reconcileMaxChanges: config.reconcile.maxChanges,
      listenHost: settings.host,
      allowedHosts: settings.allowedHosts ?? [],
      log,
    });
    await listen(server, settings.port, settings.host);
    const closed = closeOnStop(server);

    const { port } = server.address() as AddressInfo;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${urlHost(settings.host)}:${port}`,
      dataFile,
      enabledProviders,
      webhookSecrets,
      adminTokenFile: admin.file,
      sandbox,
      recovered,
      stop() {
        stopping ??= (async () => {
          await closed();
          await cleanUp();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(
              `environment: PORT ${port} is already in use on ${host}; set PORT to another port`,
            )
          : new ConfigError(
              `environment: cannot listen on ${host}:${port} (${error.code ?? 'error'}); check HOST and PORT`,
            ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

/** `server.close()` at once; connections still open after the grace period are cut. */
function closeOnStop(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    });
}
