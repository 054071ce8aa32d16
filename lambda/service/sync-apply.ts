import type { SourcedPatch } from '../core/coalesce.js';
import { classify, permanent } from '../core/errors.js';
import type { UpdateOutcome } from '../core/ports.js';
import { type BatchRun, deadlineError, failAll, outOfTime } from './batch-run.js';

/**
 * The batch's one write: ceil(users / chunk) `users/update` calls for the coalesced patches (none in a
 * dry run, which only logs what it would send). Each patch's messages end with its user's outcome;
 * the patches Heymarket applied come back.
 */
export async function applyPatches(run: BatchRun, patches: readonly SourcedPatch[]): Promise<SourcedPatch[]> {
  const { heymarket, log, config } = run.deps;
  if (patches.length === 0) return [];
  if (config.dryRun) {
    for (const { patch, sourceIds } of patches) {
      log.info('dry run: would update user', {
        userId: patch.id,
        fields: fieldNames(patch),
        messages: sourceIds.length,
      });
    }
    run.summary.patched = patches.length;
    return [];
  }
  if (outOfTime(run)) {
    // Starting a call we may not see the end of would risk applying it twice: leave it to the queue.
    for (const patch of patches) await failAll(run, patch, deadlineError());
    return [];
  }
  let outcomes: Map<number, UpdateOutcome>;
  try {
    outcomes = await heymarket.updateUsers(
      patches.map(({ patch }) => patch),
      { deadline: run.options.deadline },
    );
  } catch (error) {
    for (const patch of patches) await failAll(run, patch, classify(error));
    return [];
  }
  const applied: SourcedPatch[] = [];
  for (const patch of patches) {
    const userId = patch.patch.id;
    const outcome = outcomes.get(userId);
    if (outcome?.ok) {
      run.summary.patched += 1;
      applied.push(patch);
      if (outcome.email !== undefined) run.ledger.noteUserEmail(patch.sourceIds, outcome.email);
      log.info('user updated', { userId, fields: fieldNames(patch.patch), requestId: outcome.requestId });
      continue;
    }
    const error =
      outcome?.error ?? permanent('heymarket-unknown-id', `Heymarket did not answer for user ${userId}`);
    if (error.kind === 'permanent') {
      log.warn('user update rejected', { userId, code: error.code, requestId: error.details.requestId });
    }
    await failAll(run, patch, error);
  }
  run.ledger.noteApplied(applied);
  return applied;
}

/** Field names only: the values are names, which never go to a log. */
const fieldNames = (patch: object) => Object.keys(patch).filter((key) => key !== 'id');
