import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AppliedEntry } from '../core/applied.js';
import { DELIVERY_KEY_PREFIX } from '../core/deliveries.js';
import { toState } from './applied-store.js';

export interface AppliedScan {
  /** Employees read (one item each), including those with nothing applied yet. */
  examined: number;
  /** False when the table holds more than the one page read. */
  complete: boolean;
  /** Employees with at least one applied field, newest applied change first. */
  entries: AppliedEntry[];
}

/**
 * The operator's view of the applied table (`hr-sync status`): one Scan page, never the whole table.
 * DynamoDB keeps no order across keys, so on a table bigger than a page these are the newest of a
 * sample, which `complete: false` says. The worker never calls this (it only runs UpdateItem).
 */
export async function scanRecentlyApplied(options: {
  client: DynamoDBClient;
  tableName: string;
  /** Items to read in the one Scan call (DynamoDB also stops at 1 MB). */
  pageSize: number;
  /** How many employees to return. */
  count: number;
}): Promise<AppliedScan> {
  const { client, tableName, pageSize, count } = options;
  const output = await client.send(new ScanCommand({ TableName: tableName, Limit: pageSize }));
  // The receiver's delivery items share the table (lambda/core/deliveries.ts); they are no employees.
  const items = (output.Items ?? []).filter((item) => !item.pk?.S?.startsWith(DELIVERY_KEY_PREFIX));
  const entries = items
    .flatMap((item): AppliedEntry[] => {
      const employeeKey = item.pk?.S;
      const state = toState(item, Date.now());
      if (!employeeKey || Object.keys(state.fields).length === 0) return [];
      return [
        {
          employeeKey,
          ...(state.userId === undefined ? {} : { userId: state.userId }),
          fields: state.fields,
        },
      ];
    })
    .sort((a, b) => newest(b) - newest(a) || (a.employeeKey < b.employeeKey ? -1 : 1))
    .slice(0, count);
  return { examined: items.length, complete: output.LastEvaluatedKey === undefined, entries };
}

/** The `occurredAt` (epoch ms) of the newest change applied to any of the employee's fields. */
export const newest = (entry: AppliedEntry) =>
  Math.max(...Object.values(entry.fields).map((field) => field?.at ?? 0));
