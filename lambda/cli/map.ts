import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Config } from '../config/schema.js';
import { employeeKey } from '../core/applied.js';
import type { EmployeeChange } from '../core/employee-change.js';
import { SyncError } from '../core/errors.js';
import { boundEventTimes } from '../core/event-time.js';
import { mapToPatch } from '../core/map-to-patch.js';
import { userRefFor } from '../core/resolve-user.js';
import type { PatchFields } from '../core/user-patch.js';
import { findProvider, ProviderName } from '../providers/index.js';
import { webhookHandlerOf } from '../providers/webhook-handlers.js';
import { MAX_BODY_BYTES } from '../service/receive.js';
import { act, type CliIo, columns, type Outcome } from './command.js';
import { CONFIG_FILE, loadCliConfig } from './config-file.js';
import { CommandError, UsageError } from './exit-errors.js';

const DESCRIPTION = `Shows the changes one webhook delivery body would become, and the Heymarket patch each maps to under
the configuration (by default the one the local host runs with). Nothing is sent or stored: no
signature check, no Heymarket or HR API call, no AWS call. An event that carries only an id says the
worker would fetch the employee first.`;

interface MapOptions {
  provider: ProviderName;
  config?: string;
  header?: string[];
  json?: boolean;
}

// Standard Webhooks takes its event ids from this header, which a body on its own does not carry.
const DEFAULT_WEBHOOK_ID = 'map-dry-run';

/** How the worker would find the Heymarket user. */
type UserRoute =
  | { by: 'identity-override'; userId: number }
  | { by: 'work-email' }
  /** A thin event: the work email comes with the employee the worker fetches. */
  | { by: 'after-enrichment' }
  /** No override and no work email: the worker dead-letters it (`unknown-email`). */
  | { by: 'none' };

export interface MappedChange {
  change: EmployeeChange;
  /** Thin event: the worker fetches the employee from the HR system's API before mapping. */
  needsEnrichment: boolean;
  user: UserRoute;
  /** What `users/update` would get for this user; null when skipped or not known before enrichment. */
  patch: PatchFields | null;
  skipped: 'termination-ignored' | 'nothing-to-change' | 'protected-user' | null;
  /** The time the delivery gave, when the receiver would raise it (older than 35 days). */
  sentOccurredAt?: string;
}

export type MapOutcome =
  | { outcome: 'changes'; changes: MappedChange[]; duplicates: number }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'handshake'; reason: string };

export function registerMap(program: Command, io: CliIo, outcome: Outcome): void {
  const command = program
    .command('map')
    .argument('<file>', 'the body as the HR system posts it; - reads standard input')
    .summary('the changes and Heymarket patches a body maps to (offline)')
    .description(DESCRIPTION);
  command
    .addOption(
      new Option('--provider <name>', 'the HR system that sent it')
        .choices(ProviderName.options)
        .makeOptionMandatory(),
    )
    .option(
      '--config <file>',
      `the configuration (default: what the local host runs with: HR_SYNC_CONFIG_FILE, ${CONFIG_FILE} here, else its defaults)`,
    )
    .option(
      '--header <"Name: value">',
      `a request header the provider reads, repeatable (standard: webhook-id, which becomes the event id; default "${DEFAULT_WEBHOOK_ID}")`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--json', 'machine-readable output')
    .action(act(command, outcome, (file: string, options: MapOptions) => map(file, options, io)));
}

async function map(file: string, values: MapOptions, io: CliIo): Promise<number> {
  const provider = findProvider(values.provider);
  if (!provider) throw new UsageError(`unknown provider "${values.provider}"`);
  const headers = parseHeaders(values.header ?? []);
  const notes: string[] = [];
  if (provider.name === 'standard' && !headers.has('webhook-id')) {
    headers.set('webhook-id', DEFAULT_WEBHOOK_ID);
    notes.push(`no --header webhook-id: event ids are built from "${DEFAULT_WEBHOOK_ID}"`);
  }
  const { config, source } = loadCliConfig({ path: values.config }, io);
  if (!config.providers[provider.name].enabled) {
    notes.push(`${provider.name} is not enabled in ${source}: the receiver answers 404 to it`);
  }
  const body = await readBody(file, io);
  const result = mapDelivery(provider.name, body, headers, config, new Date());

  const summary = {
    provider: provider.name,
    config: source,
    ...result,
    notes,
  };
  if (values.json) {
    io.out(JSON.stringify(summary, null, 2));
    return 0;
  }
  io.out(
    [
      `config: ${source}`,
      ...notes.map((note) => `note: ${note}`),
      '',
      `${provider.name} delivery ${describeOutcome(result)}`,
      ...(result.outcome === 'changes' ? result.changes.flatMap(describeChange) : []),
    ].join('\n'),
  );
  return 0;
}

/**
 * What the receiver and the worker would make of one body, short of any I/O: the provider's parse
 * (tenant checks included), the receiver's de-duplication, the user route and `mapToPatch`.
 */
export function mapDelivery(
  name: ProviderName,
  body: Buffer,
  headers: ReadonlyMap<string, string>,
  config: Config,
  now: Date,
): MapOutcome {
  if (!findProvider(name)) throw new UsageError(`unknown provider "${name}"`);
  const handler = webhookHandlerOf(name);
  if (body.length > MAX_BODY_BYTES) {
    throw new CommandError(
      `the body is ${body.length} bytes; the receiver refuses more than ${MAX_BODY_BYTES} (413)`,
    );
  }
  const handshake = handler.handshake?.(body);
  if (handshake) return { outcome: 'handshake', reason: handshake };
  let parsed: ReturnType<typeof handler.parse>;
  try {
    parsed = handler.parse({
      body,
      header: (header) => headers.get(header.toLowerCase()),
      settings: config.providers[name],
      receivedAt: now.toISOString(),
    });
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    // The providers' messages name where the body is wrong (a zod path) and never quote it.
    if (error.kind === 'invalid-input') throw refused400(name, error);
    if (error.kind === 'auth') {
      throw new CommandError(`the receiver refuses this delivery (401): ${error.message}`);
    }
    throw error;
  }
  if (parsed.kind === 'ignored') return { outcome: 'ignored', reason: parsed.reason };
  // The receiver's own bounds: a time too far ahead is its 400, one too old is raised (and queued so).
  let bounded: ReturnType<typeof boundEventTimes>;
  try {
    bounded = boundEventTimes(parsed.changes, now.getTime());
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'invalid-input') throw refused400(name, error);
    throw error;
  }
  const sent = new Map(parsed.changes.map((change) => [change.eventId, change.occurredAt]));
  const seen = new Set<string>();
  const unique = bounded.changes.filter((change) => !seen.has(change.eventId) && seen.add(change.eventId));
  return {
    outcome: 'changes',
    duplicates: parsed.changes.length - unique.length,
    changes: unique.map((change) => {
      const mapped = mapOne(change, config);
      const sentAt = bounded.clamped.includes(change.eventId) ? sent.get(change.eventId) : undefined;
      return sentAt === undefined ? mapped : { ...mapped, sentOccurredAt: sentAt };
    }),
  };
}

const refused400 = (name: ProviderName, error: SyncError) =>
  new CommandError(`not a valid ${name} delivery (the receiver answers 400): ${error.message}`);

function mapOne(change: EmployeeChange, config: Config): MappedChange {
  const ref = userRefFor(change, config.identityOverrides);
  const user: UserRoute =
    ref.kind === 'user'
      ? { by: 'identity-override', userId: ref.userId }
      : ref.kind === 'email'
        ? { by: 'work-email' }
        : { by: change.needsEnrichment ? 'after-enrichment' : 'none' };
  // The worker never patches a protected user (lambda/core/role-guard.ts); one found by email is only
  // known once users/get answers, which map does not call.
  if (ref.kind === 'user' && config.protectedUserIds.includes(ref.userId)) {
    return { change, needsEnrichment: false, user, patch: null, skipped: 'protected-user' };
  }
  if (change.needsEnrichment) return { change, needsEnrichment: true, user, patch: null, skipped: null };
  const mapped = mapToPatch(change, config);
  return mapped.kind === 'patch'
    ? { change, needsEnrichment: false, user, patch: mapped.fields, skipped: null }
    : { change, needsEnrichment: false, user, patch: null, skipped: mapped.reason };
}

function describeOutcome(result: MapOutcome): string {
  switch (result.outcome) {
    case 'handshake':
      return `is a setup handshake, ${result.reason}: the receiver answers 200 and queues nothing`;
    case 'ignored':
      return `is valid but queues nothing (the receiver answers 200): ${result.reason}`;
    case 'changes':
      return `makes ${result.changes.length} change(s)${result.duplicates ? `, ${result.duplicates} duplicate event id(s) dropped` : ''}`;
  }
}

const SKIPS: Record<NonNullable<MappedChange['skipped']>, string> = {
  'termination-ignored': 'none: a termination, and termination.action is "ignore" (counted, not sent)',
  'nothing-to-change': 'none: the change carries no field Heymarket takes (first_name, last_name, role_id)',
  'protected-user': 'none: the user is in protectedUserIds, never patched (counted, not sent)',
};

function describeChange(mapped: MappedChange, index: number): string[] {
  const { change, user } = mapped;
  const employee = Object.entries(change.employee).filter(([key]) => key !== 'id');
  const rows: [string, string][] = [
    ['employee', `${change.employee.id}  (key ${employeeKey(change)})`],
    ...employee.map(([key, value]): [string, string] => [key, String(value)]),
    [
      'Heymarket user',
      user.by === 'identity-override'
        ? `${user.userId} (identityOverrides)`
        : user.by === 'work-email'
          ? 'looked up by work email (users/get; not called here)'
          : user.by === 'after-enrichment'
            ? 'looked up by the work email the HR API returns (not called here)'
            : 'none: no work email and no identityOverrides entry; the worker dead-letters it (unknown-email)',
    ],
    [
      'patch',
      mapped.needsEnrichment
        ? `after enrichment: the worker would fetch employee ${change.employee.id} from the ${change.provider} API first (not called here)`
        : mapped.patch
          ? Object.entries(mapped.patch)
              .map(([field, value]) => `${field} = ${JSON.stringify(value)}`)
              .join(', ')
          : SKIPS[mapped.skipped ?? 'nothing-to-change'],
    ],
  ];
  return [
    '',
    `change ${index + 1}: ${change.type}, event ${change.eventId}, occurred ${mapped.sentOccurredAt ?? change.occurredAt}${mapped.sentOccurredAt ? ` (older than 35 days: queued as ${change.occurredAt})` : ''}${mapped.needsEnrichment ? ' (thin event: ids only)' : ''}`,
    ...columns(rows),
  ];
}

/** `Name: value` pairs; names are case-insensitive, as HTTP's. */
function parseHeaders(pairs: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    if (colon < 1) throw new UsageError(`--header takes "Name: value" (got a value with no name)`);
    headers.set(pair.slice(0, colon).trim().toLowerCase(), pair.slice(colon + 1).trim());
  }
  return headers;
}

async function readBody(file: string, io: CliIo): Promise<Buffer> {
  if (file === '-') return io.readStdin();
  try {
    return readFileSync(resolve(io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code;
    throw new CommandError(
      `cannot read ${file} (${why}): give the path of a delivery body, or - for standard input`,
    );
  }
}
