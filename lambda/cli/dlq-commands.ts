import type { DlqCommand } from './dlq-args.js';
import { createProgress } from './dlq-progress.js';
import type { MoveTaskProgress, Target } from './target.js';

export interface CliDeps {
  target: Target;
  out: (line: string) => void;
  progressStream?: { isTTY?: boolean; write(text: string): unknown };
  /** Between polls of a move task; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Runs one `dlq` command; returns the process exit code (1: something was not moved). */
export async function runDlqCommand(command: Exclude<DlqCommand, { name: 'help' }>, deps: CliDeps) {
  const { target, out } = deps;
  const print = (json: boolean, value: unknown, text: () => string) =>
    out(json ? JSON.stringify(value, null, 2) : text());

  switch (command.name) {
    case 'list': {
      const progress = createProgress(await approximateCount(target, command.limit), deps.progressStream);
      const counts = await target.countDeadLetters({ limit: command.limit, onProgress: progress.update });
      progress.done();
      print(command.json, counts, () =>
        [
          `${counts.total} message(s) in the DLQ${counts.total >= command.limit ? ` (stopped at --limit ${command.limit})` : ''}`,
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
      const view = await target.findDeadLetter({ limit: command.limit, messageId: command.messageId });
      if (!view) {
        out(
          `message ${command.messageId} is not among the ${command.limit} first received from the DLQ: it may have been replayed (a replay gives a new id), expired, or be held by another reader; try again, or raise --limit`,
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
