import { countDeadLetter, emptyCounts } from '../core/dead-letter-counts.js';
import type { DeadLetterView } from '../core/redrive-selection.js';
import type { DlqCommand } from './dlq-args.js';
import { createProgress } from './dlq-progress.js';
import type { MoveTaskProgress, Target } from './target-types.js';

export interface CliDeps {
  target: Target;
  out: (line: string) => void;
  progressStream?: { isTTY?: boolean; write(text: string): unknown };
  /** Between polls of a move task; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** For the ages `list` prints. */
  now?: () => number;
}

/** Runs one `dlq` command; returns the process exit code (1: something was not moved). */
export async function runDlqCommand(command: DlqCommand, deps: CliDeps) {
  const { target, out } = deps;
  const print = (json: boolean, value: unknown, text: () => string) =>
    out(json ? JSON.stringify(value, null, 2) : text());

  switch (command.name) {
    case 'list': {
      const progress = createProgress(await approximateCount(target, command.limit), deps.progressStream);
      const views = await target.listDeadLetters({ limit: command.limit, onProgress: progress.update });
      progress.done();
      const counts = emptyCounts();
      for (const view of views) countDeadLetter(counts, view);
      const messages = views.map((view) => listed(view, (deps.now ?? Date.now)()));
      print(command.json, { ...counts, messages }, () =>
        [
          `${counts.total} message(s) in the DLQ${counts.total >= command.limit ? ` (stopped at --limit ${command.limit})` : ''}`,
          ...(messages.length === 0
            ? []
            : [
                '',
                ...columnsOf([
                  ['message id', 'event id', 'provider', 'error class', 'age'],
                  ...messages.map((message) => [
                    message.messageId,
                    message.eventId ?? '?',
                    message.provider ?? '?',
                    message.errorClass ?? NO_CLASS,
                    message.ageSeconds === null ? '?' : age(message.ageSeconds),
                  ]),
                ]),
              ]),
          '',
          'by error class:',
          ...table(counts.byErrorClass),
          '',
          'by provider:',
          ...table(counts.byProvider),
        ].join('\n'),
      );
      return 0;
    }
    case 'show': {
      const view = await target.findDeadLetter({ limit: command.limit, id: command.id });
      if (!view) {
        out(
          `no message with message id or event id ${command.id} among the ${command.limit} first received from the DLQ: it may have been replayed, expired, or be held by another reader; try again, or raise --limit`,
        );
        return 1;
      }
      print(command.json, view, () =>
        [
          `message ${view.messageId}`,
          `  provider ${view.provider ?? '?'}, event ${view.eventId ?? '?'}, type ${view.type ?? '?'}, employee ${view.employeeId ?? '?'}`,
          `  replayed ${view.replayCount} time(s)`,
          ...Object.entries(view.attributes).map(([name, value]) => `  ${name}: ${value}`),
        ].join('\n'),
      );
      return 0;
    }
    case 'replay-all': {
      const result = await target.moveAll({ ratePerSecond: command.rate, dryRun: command.dryRun });
      const { taskHandle } = result;
      const started = `moving about ${result.approximateMessages} message(s)${command.rate ? ` at ${command.rate}/s` : ''}; task ${taskHandle}`;
      if (command.dryRun || !command.wait || !taskHandle) {
        print(command.json, { dryRun: command.dryRun, ...result }, () =>
          command.dryRun
            ? `dry run: would move about ${result.approximateMessages} message(s) from the DLQ to the main queue`
            : `${started}\nfollow it with: ${target.followHint(result)}`,
        );
        return 0;
      }
      if (!command.json) out(`${started} (Ctrl-C stops watching, not the move)`);
      const progress = createProgress(result.approximateMessages, deps.progressStream);
      const task = await target.followMove(result, {
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        onProgress: (latest) => progress.update(latest.moved, latest.toMove || result.approximateMessages),
      });
      progress.done();
      print(command.json, { dryRun: false, ...result, ...task }, () => describeMoveTask(task));
      return task.status === 'COMPLETED' ? 0 : 1;
    }
    case 'replay': {
      const progress = createProgress(await approximateCount(target, command.limit), deps.progressStream);
      const result = await target.replaySelected({
        filter: {
          errorClass: command.errorClass,
          provider: command.provider,
          employeeId: command.employeeId,
        },
        dryRun: command.dryRun,
        limit: command.limit,
        onProgress: progress.update,
      });
      progress.done();
      print(command.json, { dryRun: command.dryRun, ...result }, () =>
        [
          `${command.dryRun ? 'dry run: would move' : 'moved'} ${result.moved} of ${result.examined} examined; ${result.kept} left in the DLQ`,
          ...table(result.movedByErrorClass),
          ...(result.failed > 0
            ? [
                `${result.failed} could not be sent to the main queue (still in the DLQ): check sqs:SendMessage on it and run again`,
              ]
            : []),
          ...(result.notDeleted > 0
            ? [
                `${result.notDeleted} were sent but not deleted from the DLQ (check sqs:DeleteMessage); delete them from the DLQ by hand, or a later replay sends them again`,
              ]
            : []),
        ].join('\n'),
      );
      return result.failed > 0 ? 1 : 0;
    }
  }
}

/** The end of a move task, and what to do when it did not complete. */
function describeMoveTask(task: MoveTaskProgress): string {
  const figures = `${task.moved} of ${task.toMove} message(s)`;
  switch (task.status) {
    case 'COMPLETED':
      return `moved ${figures} from the DLQ to the main queue (task COMPLETED)`;
    case 'FAILED':
      return `move task FAILED after moving ${figures}: ${task.failureReason ?? 'SQS gave no reason'}\nthe rest is still in the DLQ: fix that cause, then run replay --all again`;
    case 'CANCELLED':
      return `move task CANCELLED after moving ${figures} (someone cancelled it, e.g. aws sqs cancel-message-move-task)\nthe rest is still in the DLQ: run replay --all again to move it`;
    default:
      return `move task ${task.status} after moving ${figures}`;
  }
}

async function approximateCount(target: Target, limit: number): Promise<number> {
  return Math.min(limit, (await target.depth('dead-letter')).visible);
}

export const table = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `  ${String(count).padStart(6)}  ${name}`);

// A message with no errorClass was moved by the queue itself after maxReceiveCount receives.
const NO_CLASS = '(none: maxReceiveCount)';

/** One row of `dlq list`: ids, class and how long ago the worker dead-lettered it (`failedAt`). */
function listed(view: DeadLetterView, now: number) {
  const failedAt = view.attributes.failedAt;
  const at = failedAt === undefined ? Number.NaN : Date.parse(failedAt);
  return {
    messageId: view.messageId,
    eventId: view.eventId ?? null,
    provider: view.provider ?? null,
    errorClass: view.errorClass ?? null,
    failedAt: Number.isNaN(at) ? null : (failedAt as string),
    ageSeconds: Number.isNaN(at) ? null : Math.max(0, Math.floor((now - at) / 1000)),
  };
}

/** `42s`, `17m`, `5h`, `3d`: the largest whole unit. */
function age(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** Rows as columns, each padded to its widest cell. */
function columnsOf(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => row[index]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    `  ${row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ')}`.trimEnd(),
  );
}
