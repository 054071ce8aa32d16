import { gunzipSync, gzipSync } from 'node:zlib';
import { type AttributeValue, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SyncError } from '../core/errors.js';
import type { ReconcileStateStore } from '../core/ports.js';
import { RECONCILE_STATE_KEY, type ReconcileProgress } from '../core/reconcile-progress.js';
import { QueuedChange } from '../providers/index.js';
import { claimInput, newDynamoDbClient } from './applied-store.js';
import { sdkUnavailable } from './sdk-client.js';

// A saved run is resumed within a day (the next scheduled run); a week covers a paused schedule.
const STATE_TTL_SECONDS = 7 * 24 * 60 * 60;
// DynamoDB's item limit is 400 KB; the pending changes are kept well under it, compressed.
const MAX_PENDING_BYTES = 350 * 1024;

/**
 * The saved reconcile run over DynamoDB, every call a conditional UpdateItem on one item: `claim` takes
 * the lease the worker's claims use (`leaseOwner`, `leaseUntil`) and reads the item back; `save` writes
 * the position (`progress`, JSON) and the pending changes (`pending`, gzip then base64: they hold names
 * and emails, like queue messages, and are removed when the run finishes or expire with `expiresAt`),
 * `finish` keeps the last run's counts only. Both hand the lease back, on condition this owner holds it.
 */
export function createReconcileState(options: {
  tableName: string;
  client?: DynamoDBClient;
  now?: () => number;
}): ReconcileStateStore {
  const { tableName, now = Date.now } = options;
  let client = options.client;
  const send = async (input: ConstructorParameters<typeof UpdateItemCommand>[0], operation: string) => {
    client ??= newDynamoDbClient();
    try {
      return await client.send(new UpdateItemCommand(input));
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new SyncError(
          'transient',
          'reconcile-lease-lost',
          `reconcile-state: ${operation} refused: another invocation took the run`,
        );
      }
      throw sdkUnavailable(
        'reconcile-state-unavailable',
        `reconcile-state: UpdateItem (${operation})`,
        error,
      );
    }
  };
  const expiresAt = (): AttributeValue => ({ N: String(Math.floor(now() / 1000) + STATE_TTL_SECONDS) });
  /** Writes `set` (and a fresh `expiresAt`), removes `remove` and hands the lease back, if `owner` holds it. */
  const handBack = (
    owner: string,
    set: Record<string, AttributeValue>,
    remove: readonly string[],
    operation: 'save' | 'finish',
  ) => {
    const written = { ...set, expiresAt: expiresAt() };
    const removed = [...remove, 'leaseOwner', 'leaseUntil'];
    const names = [...Object.keys(written), ...removed];
    return send(
      {
        TableName: tableName,
        Key: { pk: { S: RECONCILE_STATE_KEY } },
        UpdateExpression: `SET ${Object.keys(written)
          .map((name) => `#${name} = :${name}`)
          .join(', ')} REMOVE ${removed.map((name) => `#${name}`).join(', ')}`,
        ConditionExpression: '#leaseOwner = :owner',
        ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(Object.entries(written).map(([name, value]) => [`:${name}`, value])),
          ':owner': { S: owner },
        },
      },
      operation,
    );
  };

  return {
    async claim(lease) {
      const input = claimInput(tableName, RECONCILE_STATE_KEY, lease, now());
      let output: Awaited<ReturnType<typeof send>>;
      try {
        output = await send(input, 'claim');
      } catch (error) {
        if ((error as SyncError).code === 'reconcile-lease-lost') return { kind: 'busy' };
        throw error;
      }
      const progress = readProgress(output.Attributes ?? {});
      return progress ? { kind: 'claimed', progress } : { kind: 'claimed' };
    },

    async save(progress, owner) {
      const { pending, ...position } = progress;
      const packed = gzipSync(Buffer.from(JSON.stringify(pending))).toString('base64');
      if (packed.length > MAX_PENDING_BYTES) {
        throw new SyncError(
          'permanent',
          'reconcile-state-too-large',
          `reconcile-state: ${pending.length} pending changes take ${packed.length} bytes, over ${MAX_PENDING_BYTES}: lower reconcile.maxChanges`,
        );
      }
      await handBack(
        owner,
        { progress: { S: JSON.stringify(position) }, pending: { S: packed } },
        [],
        'save',
      );
    },

    async finish(summary, owner) {
      await handBack(owner, { lastRun: { S: JSON.stringify(summary) } }, ['progress', 'pending'], 'finish');
    },
  };
}

/** The saved run, or undefined when there is none or it cannot be read (the run then starts afresh). */
function readProgress(item: Record<string, AttributeValue>): ReconcileProgress | undefined {
  const text = item.progress?.S;
  const packed = item.pending?.S;
  if (!text || packed === undefined) return undefined;
  try {
    const position = JSON.parse(text) as Omit<ReconcileProgress, 'pending'>;
    const pending = (JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')) as unknown[]).map(
      (change) => QueuedChange.parse(change),
    );
    const valid =
      typeof position.runId === 'string' &&
      typeof position.startedAt === 'string' &&
      Array.isArray(position.providers) &&
      Number.isInteger(position.providerIndex) &&
      Number.isInteger(position.examined) &&
      Number.isInteger(position.segment) &&
      typeof position.counts === 'object' &&
      position.counts !== null;
    return valid ? { ...position, pending } : undefined;
  } catch {
    return undefined;
  }
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown })?.name === 'ConditionalCheckFailedException';
