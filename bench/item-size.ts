import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * A DynamoDB item's size as capacity units count it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * each attribute's UTF-8 name plus its value; a number about one byte per two significant digits
 * plus one; a map or list 3 bytes plus its contents and one byte per element.
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + numberBytes(n), 0);
  if (value.M)
    return (
      3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + valueBytes(v) + 1, 0)
    );
  if (value.L) return 3 + value.L.reduce((sum, v) => sum + valueBytes(v) + 1, 0);
  return 0;
}

const numberBytes = (n: string) => Math.ceil(n.replace(/^-|\.|^0+|e.*$/gi, '').length / 2) + 1;
