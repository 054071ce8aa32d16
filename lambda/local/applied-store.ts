import * as z from 'zod/mini';
import type { AppliedScan } from '../aws/applied-scan.js';
import {
  APPLIED_STATE_TTL_SECONDS,
  type AppliedEntry,
  type AppliedField,
  type AppliedState,
  employeeRef,
  heymarketEmail,
  isLeaver,
  PATCH_FIELDS,
  type PatchField,
  trustedTime,
} from '../core/applied.js';
import { SyncError } from '../core/errors.js';
import type { AppliedStore, ClaimOutcome } from '../core/ports.js';
import { isUserId } from '../core/user-patch.js';
import { errorCode, type LocalDatabase } from './database.js';

/**
 * The applied store over the local data file, with the rules of lambda/aws/applied-store.ts: an
 * employee is busy while another owner's lease has not expired; releasing records the user id and
 * each field's time and key, but never moves a field back to an older change, and only while this
 * owner still holds the lease. Each employee is claimed and released in its own transaction, so one
 * that fails is failed alone (`applied-store-unavailable`, transient), as one UpdateItem would be.
 */
export interface LocalAppliedStore extends AppliedStore {
  /**
   * Ends every lease and forgets records past their expiry (a leaver's has none). Only for a host that owns the data
   * directory (see host-lock.ts): a lease still held then belongs to a process that is gone.
   */
  recover(): Promise<{ leasesEnded: number; expired: number }>;
}

const Field = z.object({ at: z.number(), key: z.string().check(z.minLength(1)) });
const Fields = z.partialRecord(z.enum(PATCH_FIELDS), Field);

const Row = z.object({
  // Checked as a user id where it is read (`toState`): a bad one is forgotten, not a reason to stall.
  user_id: z.nullable(z.number()),
  fields: z.string(),
  lease_owner: z.nullable(z.string()),
  lease_until: z.nullable(z.number()),
  terminated_at: z.nullable(z.number()),
  returned_at: z.nullable(z.number()),
  // Checked as an email where it is read (`toState`).
  user_email: z.nullable(z.string()),
});
type Row = z.infer<typeof Row>;

export function createSqliteAppliedStore(options: {
  db: LocalDatabase;
  now?: () => number;
}): LocalAppliedStore {
  const { db, now = Date.now } = options;
  const statements = {
    read: db.prepare(
      `SELECT user_id, fields, lease_owner, lease_until, terminated_at, returned_at, user_email
       FROM applied WHERE employee_key = ?`,
    ),
    lease: db.prepare(
      `INSERT INTO applied (employee_key, fields, lease_owner, lease_until, expires_at)
       VALUES (:key, '{}', :owner, :until, :expiresAt)
       ON CONFLICT (employee_key) DO UPDATE SET
         lease_owner = :owner, lease_until = :until,
         expires_at = CASE WHEN expires_at IS NULL THEN NULL ELSE :expiresAt END`,
    ),
    record: db.prepare(
      `UPDATE applied SET user_id = :userId, user_email = :userEmail, fields = :fields,
       terminated_at = :terminatedAt, returned_at = :returnedAt, lease_owner = NULL, lease_until = NULL,
       expires_at = :expiresAt
       WHERE employee_key = :key`,
    ),
    endLeases: db.prepare(
      'UPDATE applied SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL',
    ),
    purge: db.prepare('DELETE FROM applied WHERE expires_at < ? AND lease_owner IS NULL'),
  };
  const expiresAt = (nowMs: number) => Math.floor(nowMs / 1000) + APPLIED_STATE_TTL_SECONDS;

  const readRow = (key: string): Row | undefined => {
    const raw = statements.read.get(key);
    if (raw === undefined) return undefined;
    const row = Row.safeParse(raw);
    if (!row.success) throw unreadable(key);
    return row.data;
  };

  const claimOne = db.transaction((key: string, owner: string, until: number, at: number): ClaimOutcome => {
    const row = readRow(key);
    if (row?.lease_owner && row.lease_owner !== owner && (row.lease_until ?? 0) >= at) {
      return { kind: 'busy' };
    }
    const { state, futureTimes } = row ? readState(key, row, at) : { state: { fields: {} }, futureTimes: 0 };
    statements.lease.run({ key, owner, until, expiresAt: expiresAt(at) });
    return futureTimes > 0 ? { kind: 'claimed', state, futureTimes } : { kind: 'claimed', state };
  });

  const releaseOne = db.transaction((entry: AppliedEntry, owner: string, at: number) => {
    const { employeeKey: key, userId, fields } = entry;
    const row = readRow(key);
    // The lease is gone only if this run outlived it and another took the employee: what that one
    // recorded stands (the DynamoDB condition fails the same way, and nothing is retried).
    if (!row || row.lease_owner !== owner) return;
    // Times past the trusted lead are not in `state`, so a newer change replaces them.
    const { state } = readState(key, row, at);
    for (const name of PATCH_FIELDS) {
      const field = fields[name];
      const current = state.fields[name];
      if (field && (!current || current.at <= field.at)) state.fields[name] = field;
    }
    const terminatedAt = latest(state.terminatedAt, entry.terminatedAt);
    const returnedAt = latest(state.returnedAt, entry.returnedAt);
    statements.record.run({
      key,
      userId: userId ?? row.user_id,
      userEmail: entry.userEmail ?? row.user_email,
      fields: JSON.stringify(state.fields),
      terminatedAt: terminatedAt ?? null,
      returnedAt: returnedAt ?? null,
      // A leaver's row never expires (see `isLeaver`): their termination must outlive any silence.
      expiresAt: isLeaver({ terminatedAt, returnedAt }) ? null : expiresAt(at),
    });
  });

  return {
    async claim(employeeKeys, lease) {
      const outcomes = new Map<string, ClaimOutcome>();
      for (const key of new Set(employeeKeys)) {
        try {
          outcomes.set(key, claimOne.immediate(key, lease.owner, lease.until, now()));
        } catch (error) {
          outcomes.set(key, { kind: 'failed', error: unavailable('claim', error) });
        }
      }
      return outcomes;
    },

    async release(entries, owner) {
      const failed = new Map<string, SyncError>();
      for (const entry of entries) {
        try {
          releaseOne.immediate(entry, owner, now());
        } catch (error) {
          failed.set(entry.employeeKey, unavailable('release', error));
        }
      }
      return failed;
    },

    async recover() {
      const leasesEnded = statements.endLeases.run().changes;
      const expired = statements.purge.run(Math.floor(now() / 1000)).changes;
      return { leasesEnded, expired };
    },
  };
}

/**
 * The operator's view of the applied table (`hr-sync status` in local mode): the `count` employees
 * whose newest applied change is the most recent, ordered by SQLite over the whole table (one
 * bounded read, so `complete`), with the user id and each field's time and key; the table holds no
 * value. Read only, outside any lease: a row the host is writing is read as it was last committed.
 * A row that is not readable is counted but not listed (the worker reports it when it meets it).
 */
/**
 * `provider:employee id` → the Heymarket user id remembered for it, for the access review: the people
 * of a provider with no list API are known to it only this way.
 */
export function readRememberedUserIds(db: LocalDatabase): Map<string, number> {
  let rows: { employee_key: string; user_id: number }[];
  try {
    rows = db
      .prepare('SELECT employee_key, user_id FROM applied WHERE user_id IS NOT NULL')
      .all() as typeof rows;
  } catch (error) {
    throw new SyncError(
      'transient',
      'applied-store-unavailable',
      `applied: read of remembered users failed (${errorCode(error)})`,
    );
  }
  const remembered = new Map<string, number>();
  for (const { employee_key, user_id } of rows) {
    const ref = employeeRef(employee_key);
    if (ref !== undefined && isUserId(user_id)) remembered.set(ref, user_id);
  }
  return remembered;
}

export function readRecentlyApplied(db: LocalDatabase, count: number): AppliedScan {
  const read = db.transaction(() => {
    const total = db.prepare('SELECT count(*) AS n FROM applied').get() as { n: number };
    const rows = db
      .prepare(
        `SELECT employee_key, user_id, fields FROM (
           SELECT employee_key, user_id, fields,
             CASE WHEN json_valid(fields)
               THEN (SELECT max(json_extract(value, '$.at')) FROM json_each(fields)) END AS latest
           FROM applied)
         WHERE latest IS NOT NULL ORDER BY latest DESC, employee_key LIMIT ?`,
      )
      .all(count) as { employee_key: string; user_id: number | null; fields: string }[];
    return { total: total.n, rows };
  });
  const { total, rows } = read();
  const entries = rows.flatMap((row): AppliedEntry[] => {
    const parsed = Fields.safeParse(JSON.parse(row.fields));
    if (!parsed.success || Object.keys(parsed.data).length === 0) return [];
    return [
      {
        employeeKey: row.employee_key,
        ...(isUserId(row.user_id) ? { userId: row.user_id } : {}),
        fields: parsed.data,
      },
    ];
  });
  return { examined: total, complete: true, entries };
}

/**
 * A stored record as the worker reads it; one that is not readable fails rather than reads as empty.
 * A time past `nowMs` + the trusted lead is left out (`trustedTime`), counted in `futureTimes`.
 */
function readState(key: string, row: Row, nowMs: number): { state: AppliedState; futureTimes: number } {
  let fields: unknown;
  try {
    fields = JSON.parse(row.fields);
  } catch {
    throw unreadable(key);
  }
  const parsed = Fields.safeParse(fields);
  if (!parsed.success) throw unreadable(key);
  let futureTimes = 0;
  const trusted = (at: number) => {
    if (trustedTime(at, nowMs)) return true;
    futureTimes += 1;
    return false;
  };
  const state: AppliedState = { fields: {} };
  for (const [name, field] of Object.entries(parsed.data) as [PatchField, AppliedField][]) {
    if (trusted(field.at)) state.fields[name] = field;
  }
  // Only an id users/update can take; without one the worker finds the user by email again.
  if (isUserId(row.user_id)) state.userId = row.user_id;
  const userEmail = heymarketEmail(row.user_email);
  if (userEmail !== undefined) state.userEmail = userEmail;
  if (row.terminated_at !== null && trusted(row.terminated_at)) state.terminatedAt = row.terminated_at;
  if (row.returned_at !== null && trusted(row.returned_at)) state.returnedAt = row.returned_at;
  return { state, futureTimes };
}

/** Employment times never move back (the DynamoDB store's condition does the same). */
const latest = (stored: number | undefined, given: number | undefined): number | undefined =>
  given === undefined ? stored : stored === undefined ? given : Math.max(stored, given);

// Read as empty, a corrupt record could let an older change overwrite a newer one: the worker never
// guesses, so the employee's changes wait (transient) until a person repairs or deletes the row.
class UnreadableRecord extends Error {
  constructor(readonly employeeKey: string) {
    super(`applied-store: the record of employee ${employeeKey} is not readable`);
  }
}
const unreadable = (key: string) => new UnreadableRecord(key);

function unavailable(operation: 'claim' | 'release', error: unknown): SyncError {
  const message =
    error instanceof UnreadableRecord
      ? `${error.message}; fix or delete its row in the applied table`
      : `applied-store: ${operation} failed (${errorCode(error)})`;
  return new SyncError('transient', 'applied-store-unavailable', message, {}, { cause: error });
}
