import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { ownValue } from '../core/own-property.js';

/**
 * SQS message attributes to and from the plain strings the core's rules work on
 * (core/dead-letter.ts): each value is a string either way, SQS only adds its type.
 */

/** The String and Number values; a Binary one has no string and is left out. */
export function attributeStrings(attributes: Record<string, MessageAttributeValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).flatMap(([name, value]) =>
      value.StringValue === undefined ? [] : [[name, value.StringValue]],
    ),
  );
}

/**
 * SQS values for `values`: `Number` for the names in `numbers`, else the type and value `like` had
 * under that name (a replay sends what it received, Binary ones too), else `String`.
 */
export function toMessageAttributes(
  values: Record<string, string>,
  numbers: readonly string[],
  like: Record<string, MessageAttributeValue> = {},
): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]): [string, MessageAttributeValue] => {
      const original = ownValue(like, name);
      if (numbers.includes(name)) return [name, { DataType: 'Number', StringValue: value }];
      if (original) {
        return [
          name,
          {
            DataType: original.DataType,
            StringValue: original.StringValue,
            BinaryValue: original.BinaryValue,
          },
        ];
      }
      return [name, { DataType: 'String', StringValue: value }];
    }),
  );
}
