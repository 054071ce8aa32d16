import {
  type AttributeValue,
  DynamoDBClient,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  APPLIED_STATE_TTL_SECONDS,
  type AppliedEntry,
  type AppliedState,
  heymarketEmail,
  isLeaver,
  PATCH_FIELDS,
  trustedTime,
} from '../core/applied.js';
import type { SyncError } from '../core/errors.js';
import { MAX_EVENT_LEAD_MS } from '../core/event-time.js';
import type { Employment } from '../core/leaver.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import type { AppliedStore, ClaimOutcome, Lease } from '../core/ports.js';
import { isUserId } from '../core/user-patch.js';
import { newAwsClient, sdkUnavailable } from './sdk-client.js';

export interface AppliedStoreOptions {
  tableName: string;
  client?: DynamoDBClient;
  now?: () => number;
}

// One UpdateItem per employee to claim and one to release; a batch holds at most 50 employees, and a
// few calls at a time keep it quick without a burst of throttling.
const PARALLEL_CALLS = 8;

export const newDynamoDbClient = () => newAwsClient(DynamoDBClient);

/**
 * The applied store over one DynamoDB table keyed by `pk` (see `employeeKey`). An item holds `userId`,
 * `userEmail` (the email Heymarket answered with for that user, lower-cased), per field `<field>_at`
 * (epoch ms of the change applied) and `<field>_key` (its idempotency key), `terminatedAt` and
 * `returnedAt` (epoch ms of the newest termination and `active` status), the lease (`leaseOwner`,
 * `leaseUntil` epoch ms) and `expiresAt` (epoch seconds, the table's TTL; none on a leaver's item).
 * Every call is a conditional UpdateItem, so DynamoDB decides races; any other failure is a transient
 * `applied-store-unavailable` for that employee only.
 */
export function createAppliedStore(options: AppliedStoreOptions): AppliedStore {
  const { tableName, now = Date.now } = options;
  let client = options.client;
  const send = (input: UpdateItemCommandInput) => {
    client ??= newDynamoDbClient();
    return client.send(new UpdateItemCommand(input));
  };

  const claimOne = async (pk: string, lease: Lease): Promise<ClaimOutcome> => {
    try {
      const at = now();
      const output = await send(claimInput(tableName, pk, lease, at));
      const { state, futureTimes } = readState(output.Attributes ?? {}, at);
      return futureTimes > 0 ? { kind: 'claimed', state, futureTimes } : { kind: 'claimed', state };
    } catch (error) {
      if (isConditionFailure(error)) return { kind: 'busy' };
      return { kind: 'failed', error: unavailable('UpdateItem (claim)', error) };
    }
  };

  const releaseOne = async (entry: AppliedEntry, owner: string): Promise<SyncError | undefined> => {
    try {
      await send(releaseInput(tableName, entry, owner, now()));
      return undefined;
    } catch (error) {
      // The lease is gone only if this invocation outlived it, and a newer field only if another
      // invocation took the employee after that: what it recorded stands, and nothing is retried.
      if (isConditionFailure(error)) return undefined;
      return unavailable('UpdateItem (release)', error);
    }
  };

  return {
    async claim(employeeKeys, lease) {
      const keys = [...new Set(employeeKeys)];
      const outcomes = await mapConcurrently(keys, PARALLEL_CALLS, (pk) => claimOne(pk, lease));
      return new Map(keys.map((pk, index) => [pk, outcomes[index] as ClaimOutcome]));
    },

    async release(entries, owner) {
      const errors = await mapConcurrently(entries, PARALLEL_CALLS, (entry) => releaseOne(entry, owner));
      const failed = new Map<string, SyncError>();
      entries.forEach((entry, index) => {
        const error = errors[index];
        if (error) failed.set(entry.employeeKey, error);
      });
      return failed;
    },
  };
}

const expiresAt = (nowMs: number) => ({ N: String(Math.floor(nowMs / 1000) + APPLIED_STATE_TTL_SECONDS) });

/**
 * Takes the lease unless another owner holds one that has not expired; returns the whole item. The
 * expiry is pushed out here too, so a row whose release never came still goes; a leaver's row gets it
 * back only until its release removes it again (see `releaseInput`).
 */
export function claimInput(tableName: string, pk: string, lease: Lease, nowMs: number) {
  return {
    TableName: tableName,
    Key: { pk: { S: pk } },
    UpdateExpression: 'SET #owner = :owner, #until = :until, #expiresAt = :expiresAt',
    ConditionExpression: 'attribute_not_exists(#until) OR #until < :now OR #owner = :owner',
    ExpressionAttributeNames: { '#owner': 'leaseOwner', '#until': 'leaseUntil', '#expiresAt': 'expiresAt' },
    ExpressionAttributeValues: {
      ':owner': { S: lease.owner },
      ':until': { N: String(lease.until) },
      ':now': { N: String(nowMs) },
      ':expiresAt': expiresAt(nowMs),
    } satisfies Record<string, AttributeValue>,
    ReturnValues: 'ALL_NEW' as const,
  };
}

/** The employment times, which like the fields never move back. */
const EMPLOYMENT_TIMES = ['terminatedAt', 'returnedAt'] as const satisfies readonly (keyof Employment)[];

/**
 * Sets the user id, each applied field's time and key and the employment times, and removes the
 * lease, on condition that this owner still holds it and nothing already holds a newer change. Equal times pass, so a replay
 * rewrites the same values and a tie goes to the later writer, as in `coalesce`.
 */
export function releaseInput(tableName: string, entry: AppliedEntry, owner: string, nowMs: number) {
  const names: Record<string, string> = {
    '#owner': 'leaseOwner',
    '#until': 'leaseUntil',
    '#expiresAt': 'expiresAt',
  };
  // A stored time past the trusted lead is read as never applied (`readState`), so a newer one may
  // replace it; else a year-2999 time would fail this condition for ever.
  const values: Record<string, AttributeValue> = { ':owner': { S: owner } };
  const sets: string[] = [];
  const removes = ['#owner', '#until'];
  // A leaver's record never expires (see `isLeaver`): their termination must outlive any silence.
  if (isLeaver(entry)) removes.push('#expiresAt');
  else {
    values[':expiresAt'] = expiresAt(nowMs);
    sets.push('#expiresAt = :expiresAt');
  }
  const conditions = ['#owner = :owner'];
  if (entry.userId !== undefined) {
    names['#userId'] = 'userId';
    values[':userId'] = { N: String(entry.userId) };
    sets.push('#userId = :userId');
  }
  if (entry.userEmail !== undefined) {
    names['#userEmail'] = 'userEmail';
    values[':userEmail'] = { S: entry.userEmail };
    sets.push('#userEmail = :userEmail');
  }
  for (const name of PATCH_FIELDS) {
    const field = entry.fields[name];
    if (!field) continue;
    names[`#${name}_at`] = `${name}_at`;
    names[`#${name}_key`] = `${name}_key`;
    values[`:${name}_at`] = { N: String(field.at) };
    values[`:${name}_key`] = { S: field.key };
    sets.push(`#${name}_at = :${name}_at`, `#${name}_key = :${name}_key`);
    conditions.push(
      `(attribute_not_exists(#${name}_at) OR #${name}_at <= :${name}_at OR #${name}_at > :trustedUntil)`,
    );
  }
  for (const name of EMPLOYMENT_TIMES) {
    const at = entry[name];
    if (at === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = { N: String(at) };
    sets.push(`#${name} = :${name}`);
    conditions.push(`(attribute_not_exists(#${name}) OR #${name} <= :${name} OR #${name} > :trustedUntil)`);
  }
  // DynamoDB refuses a value that no expression uses.
  if (conditions.length > 1) values[':trustedUntil'] = { N: String(nowMs + MAX_EVENT_LEAD_MS) };
  return {
    TableName: tableName,
    Key: { pk: { S: entry.employeeKey } },
    UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')} ` : ''}REMOVE ${removes.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * An item as the worker reads it back: the user id and Heymarket email, each field's time and key,
 * the employment times. A time past `nowMs` + the trusted lead is left out, counted in `futureTimes`.
 */
export function readState(
  item: Record<string, AttributeValue>,
  nowMs: number,
): { state: AppliedState; futureTimes: number } {
  const state: AppliedState = { fields: {} };
  let futureTimes = 0;
  const trusted = (at: number) => {
    if (!Number.isFinite(at)) return false;
    if (trustedTime(at, nowMs)) return true;
    futureTimes += 1;
    return false;
  };
  const userId = Number(item.userId?.N);
  if (isUserId(userId)) state.userId = userId;
  const userEmail = heymarketEmail(item.userEmail?.S);
  if (userEmail !== undefined) state.userEmail = userEmail;
  for (const name of PATCH_FIELDS) {
    const at = Number(item[`${name}_at`]?.N);
    const key = item[`${name}_key`]?.S;
    if (key && trusted(at)) state.fields[name] = { at, key };
  }
  for (const name of EMPLOYMENT_TIMES) {
    const at = Number(item[name]?.N);
    if (item[name]?.N !== undefined && trusted(at)) state[name] = at;
  }
  return { state, futureTimes };
}

export const toState = (item: Record<string, AttributeValue>, nowMs: number): AppliedState =>
  readState(item, nowMs).state;

const unavailable = (operation: string, error: unknown) =>
  sdkUnavailable('applied-store-unavailable', `applied-store: ${operation}`, error);

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown })?.name === 'ConditionalCheckFailedException';
