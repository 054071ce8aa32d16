import {
  type AttributeValue,
  type DynamoDBClient,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { employeeRef } from '../core/applied.js';
import { isUserId } from '../core/user-patch.js';
import { newDynamoDbClient } from './applied-store.js';
import { sdkUnavailable } from './sdk-client.js';

/**
 * `provider:employee id` → the Heymarket user id the applied table remembers, for the access review:
 * a Scan of two attributes only (`pk`, `userId`), which is all the scheduler's IAM policy lets it read
 * of an employee's item (`dynamodb:Attributes`, infra/scheduled-reconcile.ts), page after page.
 */
export function createRememberedUsers(options: { tableName: string; client?: DynamoDBClient }) {
  let client = options.client;
  return async (): Promise<ReadonlyMap<string, number>> => {
    client ??= newDynamoDbClient();
    const remembered = new Map<string, number>();
    let start: Record<string, AttributeValue> | undefined;
    do {
      let output: ScanCommandOutput;
      try {
        output = await client.send(
          new ScanCommand({
            TableName: options.tableName,
            Select: 'SPECIFIC_ATTRIBUTES',
            ProjectionExpression: '#pk, #userId',
            FilterExpression: 'attribute_exists(#userId)',
            ExpressionAttributeNames: { '#pk': 'pk', '#userId': 'userId' },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
      } catch (error) {
        throw sdkUnavailable('applied-store-unavailable', 'remembered users: Scan', error);
      }
      for (const item of output.Items ?? []) {
        const ref = employeeRef(item.pk?.S ?? '');
        const userId = Number(item.userId?.N);
        if (ref !== undefined && isUserId(userId)) remembered.set(ref, userId);
      }
      start = output.LastEvaluatedKey;
    } while (start);
    return remembered;
  };
}
