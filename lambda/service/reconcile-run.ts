import { randomUUID } from 'node:crypto';
import type { DirectoryEmployee } from '../core/access-review.js';
import { employeeKey } from '../core/applied.js';
import type { EmployeeChange, ProviderName } from '../core/employee-change.js';
import { classify } from '../core/errors.js';
import type { HeymarketUser } from '../core/ports.js';
import { compareEmployee, lookupEmail } from '../core/reconcile-compare.js';
import {
  countsOf,
  freshProgress,
  type ReconcileProgress,
  type ReconcileSummary,
  staleRunReason,
  summaryOf,
  tallyVerdict,
} from '../core/reconcile-progress.js';
import { configuredTenant, listableProviders } from '../providers/index.js';
import { ReviewDirectory } from './access-review-run.js';
import { completeRun } from './reconcile-complete.js';
import type { ReconcileDeps, ReconcileOptions } from './reconcile-deps.js';

export type { ReconcileSummary } from '../core/reconcile-progress.js';

const DEFAULT_RESERVE_MS = 20_000;
// A lease outlives the invocation's deadline by this much; without a deadline (the CLI), this long.
const LEASE_MARGIN_MS = 30_000;
const UNBOUNDED_LEASE_MS = 15 * 60_000;

/**
 * One reconcile run (or the next part of a saved one): lists every employee of each enabled provider
 * with a list API, looks their users up in batches (`users/get`), compares what Heymarket holds with
 * what the rules make of the HR record, and enqueues one EmployeeChange per user that differs, through
 * the same queue, worker, idempotency and ordering as webhooks. Over the cap it enqueues nothing.
 */
export async function reconcile(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileSummary> {
  return new ReconcileRun(deps, options).run();
}

class ReconcileRun {
  readonly #owner = randomUUID();
  readonly #dryRun: boolean;
  readonly #maxChanges: number;
  readonly #reserveMs: number;
  #progress!: ReconcileProgress;
  #pending = new Map<string, EmployeeChange>();
  readonly #directory = new ReviewDirectory();

  constructor(
    private readonly deps: ReconcileDeps,
    private readonly options: ReconcileOptions,
  ) {
    this.#dryRun = options.dryRun ?? false;
    this.#maxChanges = options.maxChanges ?? deps.config.reconcile.maxChanges;
    this.#reserveMs = options.reserveMs ?? DEFAULT_RESERVE_MS;
  }

  /** Saved state is used only by a real run: a dry run neither resumes nor disturbs one. */
  get #state() {
    return this.#dryRun ? undefined : this.deps.state;
  }

  async run(): Promise<ReconcileSummary> {
    const { log } = this.deps;
    const state = this.#state;
    let saved: ReconcileProgress | undefined;
    if (state) {
      const until = (this.options.deadline ?? this.deps.now() + UNBOUNDED_LEASE_MS) + LEASE_MARGIN_MS;
      const claimed = await state.claim({ owner: this.#owner, until });
      if (claimed.kind === 'busy') {
        log.info('reconcile busy', { reason: 'another invocation holds the run' });
        return { ...this.#summaryOf(this.#fresh()), status: 'busy', segment: 0 };
      }
      saved = this.#usable(claimed.progress);
    }
    this.#progress = saved ?? this.#fresh();
    this.#progress.segment += 1;
    this.#pending = new Map(this.#progress.pending.map((change) => [employeeKey(change), change]));
    const { runId, segment, providers } = this.#progress;
    log.info('reconcile start', {
      runId,
      segment,
      providers,
      dryRun: this.#dryRun,
      maxChanges: this.#maxChanges,
    });

    try {
      for (; this.#progress.providerIndex < providers.length; this.#progress.providerIndex += 1) {
        const provider = providers[this.#progress.providerIndex] as ProviderName;
        if ((await this.#reconcileProvider(provider)) === 'interrupted') return await this.#interrupt();
        this.#progress.examined = 0;
      }
      return await this.#complete();
    } catch (error) {
      // What was examined so far is kept; the next run continues from it (and re-sends pending
      // changes with the same event ids, which the worker takes as duplicates).
      await state
        ?.save(this.#snapshot(), this.#owner)
        .catch((saveError: unknown) =>
          log.warn('reconcile save failed', { runId, code: classify(saveError).code }),
        );
      throw error;
    }
  }

  #fresh(): ReconcileProgress {
    const startedAt = new Date(this.deps.now()).toISOString();
    const runId = this.deps.newRunId?.() ?? `${startedAt.replace(/[-:.]/g, '')}-${this.#owner.slice(0, 8)}`;
    return freshProgress(runId, startedAt, listableProviders(this.deps.config));
  }

  /** A saved run is resumed only if it is recent and lists the providers this config enables. */
  #usable(progress: ReconcileProgress | undefined): ReconcileProgress | undefined {
    if (!progress) return undefined;
    const reason = staleRunReason(progress, listableProviders(this.deps.config), this.deps.now());
    if (reason === undefined) return progress;
    this.deps.log.warn('reconcile saved run dropped', { runId: progress.runId, reason });
    return undefined;
  }

  #timeUp(): boolean {
    const { deadline } = this.options;
    return deadline !== undefined && this.deps.now() >= deadline - this.#reserveMs;
  }

  get #callDeadline() {
    const { deadline } = this.options;
    return deadline === undefined ? undefined : deadline - this.#reserveMs;
  }

  async #reconcileProvider(provider: ProviderName): Promise<'done' | 'interrupted'> {
    const { log } = this.deps;
    const chunk = this.deps.config.heymarket.chunkSize;
    const tenant = configuredTenant(this.deps.config, provider);
    // Employees an earlier invocation compared have no lookup here: the review counts this provider
    // only when this invocation compares all of them.
    const fromStart = this.#progress.examined === 0;
    this.#directory.start(provider);
    let seen = 0;
    try {
      const list = await this.deps.lister(provider);
      for await (const page of list({ deadline: this.#callDeadline })) {
        this.#directory.add(provider, page);
        const listedAt = new Date(this.deps.now()).toISOString();
        for (let start = 0; start < page.length; start += chunk) {
          const slice = page.slice(start, start + chunk);
          const from = seen;
          seen += slice.length;
          // Examined by an earlier invocation of this run.
          if (seen <= this.#progress.examined) continue;
          if (this.#timeUp()) return 'interrupted';
          await this.#compare(
            provider,
            tenant,
            slice.slice(Math.max(0, this.#progress.examined - from)),
            listedAt,
          );
          this.#progress.examined = seen;
        }
        if (this.#timeUp()) return 'interrupted';
      }
      if (fromStart) this.#directory.complete(provider);
      return 'done';
    } catch (error) {
      const failure = classify(error);
      // Out of time, waiting for a rate budget past the deadline, or failing with no time left to retry:
      // the run is saved and the next invocation tries again from here.
      if (failure.code === 'deadline' || failure.code.endsWith('-rate-budget') || this.#timeUp()) {
        return 'interrupted';
      }
      // One HR system down or refusing must not keep the others from converging; it is reported,
      // counted (ReconcileFailures) and alarmed on, and the next run tries it again.
      this.#progress.failures[provider] = failure.code;
      log.warn('reconcile provider failed', {
        runId: this.#progress.runId,
        provider,
        code: failure.code,
        kind: failure.kind,
        reason: failure.message,
        examined: this.#progress.examined,
      });
      return 'done';
    }
  }

  /** One `users/get` for a slice of at most `chunkSize` employees, then a verdict on each. */
  async #compare(
    provider: ProviderName,
    tenant: string | undefined,
    employees: DirectoryEmployee[],
    listedAt: string,
  ) {
    const { config, heymarket } = this.deps;
    const emails = [...new Set(employees.flatMap((employee) => lookupEmail(employee) ?? []))];
    let users = new Map<string, HeymarketUser>();
    // The Heymarket client holds this host's share of the 500 requests a minute (heymarket/rate-budget.ts).
    if (emails.length > 0) users = await heymarket.findUsersByEmail(emails, { deadline: this.#callDeadline });
    this.#directory.found(users);
    const { runId } = this.#progress;
    for (const { terminationDate: _date, deleted: _deleted, ...employee } of employees) {
      const email = lookupEmail(employee);
      const user = email === undefined ? undefined : users.get(email);
      const verdict = compareEmployee({ provider, tenant, employee, listedAt }, user, config, runId);
      tallyVerdict(this.#progress, this.#pending, provider, verdict, this.#maxChanges);
    }
  }

  #snapshot(): ReconcileProgress {
    return { ...this.#progress, pending: [...this.#pending.values()] };
  }

  async #interrupt(): Promise<ReconcileSummary> {
    const state = this.#state;
    const progress = this.#snapshot();
    if (state) await state.save(progress, this.#owner);
    this.deps.log.info('reconcile interrupted', {
      ...countsOf(this.#summaryOf(progress)),
      runId: progress.runId,
      segment: progress.segment,
      provider: progress.providers[progress.providerIndex],
      examined: progress.examined,
      // Without saved state there is nothing to resume from: a partial run must not enqueue.
      resumes: state !== undefined,
    });
    return { ...this.#summaryOf(progress), status: 'interrupted' };
  }

  #complete(): Promise<ReconcileSummary> {
    return completeRun(this.deps, {
      progress: this.#snapshot(),
      owner: this.#owner,
      dryRun: this.#dryRun,
      maxChanges: this.#maxChanges,
      deadline: this.options.deadline,
      directory: this.#directory,
    });
  }

  #summaryOf(progress: ReconcileProgress): ReconcileSummary {
    return summaryOf(progress, this.#dryRun, this.#maxChanges);
  }
}
