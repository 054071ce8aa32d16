import {
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DELIVERY_MEMORY_SECONDS } from '../core/applied.js';
import type { DeliveryMemory } from '../core/deliveries.js';
import { newDynamoDbClient } from './applied-store.js';
import { sdkUnavailable } from './sdk-client.js';

/**
 * The receiver's memory of accepted deliveries as items of the applied table (partition key `pk`, the
 * delivery key; `expiresAt` in epoch seconds, the table's TTL attribute). DynamoDB deletes expired
 * items only eventually (it can take days), so an item past its `expiresAt` is read as absent and the
 * promise ends when it says. The read is consistent: a replay sent right after the first delivery was
 * answered must find it. Any SDK failure (after the client's retries and timeouts, applied-store.ts)
 * is a transient `delivery-store-unavailable`, which the receiver answers 503 so the sender retries.
 */
export function createDeliveryMemory(options: {
  tableName: string;
  client?: DynamoDBClient;
}): DeliveryMemory {
  const { tableName } = options;
  let client = options.client;
  const dynamodb = () => {
    client ??= newDynamoDbClient();
    return client;
  };

  return {
    async seen(key, now) {
      let output: GetItemCommandOutput;
      try {
        output = await dynamodb().send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
        );
      } catch (error) {
        throw unavailable('GetItem', error);
      }
      const found = output.Item;
      if (!found) return false;
      // An item we wrote always has the attribute; one without it is kept as seen rather than replayed.
      const expiresAt = Number(found.expiresAt?.N);
      return !(expiresAt <= Math.floor(now / 1000));
    },

    async remember(key, now) {
      try {
        await dynamodb().send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              pk: { S: key },
              expiresAt: { N: String(Math.floor(now / 1000) + DELIVERY_MEMORY_SECONDS) },
            },
          }),
        );
      } catch (error) {
        throw unavailable('PutItem', error);
      }
    },
  };
}

const unavailable = (operation: string, error: unknown) =>
  sdkUnavailable('delivery-store-unavailable', `deliveries: ${operation}`, error);
