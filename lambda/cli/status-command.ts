import type { Command } from 'commander';
import { newest } from '../aws/applied-scan.js';
import type { AppliedEntry } from '../core/applied.js';
import { act, type CliIo, columns, type Outcome, positiveInteger } from './command.js';
import { table } from './dlq-actions.js';
import { createProgress } from './dlq-progress.js';
import { OPERATOR_IAM } from './help-text.js';
import { openTarget } from './target.js';
import { addTargetOptions, type TargetOptions, targetFlags } from './target-options.js';

const DESCRIPTION = `How the deployment is doing: the main queue's depth, the DLQ's by error class and provider, and the
employees whose changes were applied most recently (employee key, Heymarket user id, field names and
the time of the change applied to each; never a value).`;

const DEFAULT_APPLIED = 10;
const MAX_APPLIED = 100;
const DEFAULT_LIMIT = 1000;

interface StatusOptions extends TargetOptions {
  applied?: number;
  limit?: number;
  json?: boolean;
}

export function registerStatus(program: Command, io: CliIo, outcome: Outcome): void {
  const command = program
    .command('status')
    .summary('queue and DLQ depth, DLQ by error class, the latest applied changes')
    .description(DESCRIPTION);
  addTargetOptions(command, { table: true })
    .option(
      '--applied <n>',
      `how many employees to list (default ${DEFAULT_APPLIED}, at most ${MAX_APPLIED}); read from one Scan page, so on a large table they are the newest of a sample (the output says so)`,
      positiveInteger(MAX_APPLIED),
    )
    .option(
      '--limit <n>',
      `DLQ messages to examine for the counts (default ${DEFAULT_LIMIT}); read and released, as "dlq list" does`,
      positiveInteger(),
    )
    .option('--json', 'machine-readable output')
    .addHelpText('after', `\noperator IAM with --stack: ${OPERATOR_IAM.status}`)
    .action(act(command, outcome, (options: StatusOptions) => status(options, io)));
}

async function status(values: StatusOptions, io: CliIo): Promise<number> {
  const count = values.applied ?? DEFAULT_APPLIED;
  const limit = values.limit ?? DEFAULT_LIMIT;
  const target = openTarget(targetFlags(values, io), io.env, io.cwd);

  // Everything is read before anything is printed: a partial status would read as a healthy one.
  const queue = await target.depth('main');
  const deadLetterDepth = await target.depth('dead-letter');
  const applied = await target.recentlyApplied({ count });
  const progress = createProgress(Math.min(limit, deadLetterDepth.visible), io.progressStream);
  const counts = await target.countDeadLetters({ limit, onProgress: progress.update });
  progress.done();

  const recent = applied.entries.map(describeEntry);
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          target: target.label,
          queue,
          deadLetterQueue: {
            ...deadLetterDepth,
            examined: counts.total,
            byErrorClass: counts.byErrorClass,
            byProvider: counts.byProvider,
          },
          applied: {
            source: applied.source,
            examined: applied.examined,
            complete: applied.complete,
            recent,
          },
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const depth = (d: typeof queue) => `${d.visible} visible, ${d.inFlight} in flight, ${d.delayed} delayed`;
  io.out(
    [
      `status of ${target.label}`,
      '',
      ...columns([
        ['main queue', depth(queue)],
        ['DLQ', depth(deadLetterDepth)],
      ]),
      ...(counts.total === 0
        ? []
        : [
            `  by error class (${counts.total} examined${counts.total >= limit ? `, stopped at --limit ${limit}` : ''}):`,
            ...table(counts.byErrorClass),
            '  by provider:',
            ...table(counts.byProvider),
          ]),
      '',
      `latest applied changes: ${recent.length} of ${applied.examined} employee(s) read from ${applied.source}${
        applied.complete ? '' : ' (one page of a larger table: the newest of that page, not of all)'
      }`,
      ...(recent.length === 0
        ? ['  none yet']
        : columns([
            ['changed at (newest field)', 'employee key  ·  Heymarket user  ·  fields'],
            ...recent.map((entry): [string, string] => [
              entry.latestAt,
              `${entry.employeeKey}  ·  ${entry.userId ?? '?'}  ·  ${fieldList(entry.fields)}`,
            ]),
          ])),
    ].join('\n'),
  );
  return 0;
}

interface AppliedView {
  employeeKey: string;
  userId: number | null;
  /** The `occurredAt` of the newest change applied to any field. */
  latestAt: string;
  /** Newest first; the idempotency keys stay in the table. */
  fields: { name: string; at: string }[];
}

function describeEntry(entry: AppliedEntry): AppliedView {
  const fields = Object.entries(entry.fields)
    .flatMap(([name, field]) => (field ? [{ name, at: field.at }] : []))
    .sort((a, b) => b.at - a.at || (a.name < b.name ? -1 : 1))
    .map(({ name, at }) => ({ name, at: new Date(at).toISOString() }));
  return {
    employeeKey: entry.employeeKey,
    userId: entry.userId ?? null,
    latestAt: new Date(newest(entry)).toISOString(),
    fields,
  };
}

/** `first_name, last_name; role_id at 2026-01-30T10:00:00.000Z`: the fields of the newest change first. */
function fieldList(fields: AppliedView['fields']): string {
  const groups = new Map<string, string[]>();
  for (const { name, at } of fields) groups.set(at, [...(groups.get(at) ?? []), name]);
  return [...groups.entries()]
    .map(([at, names], index) => (index === 0 ? names.join(', ') : `${names.join(', ')} at ${at}`))
    .join('; ');
}
