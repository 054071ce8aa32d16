import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { builtSchema } from '../../core/lazy-schema.js';
import { StandardDelivery } from './standard-delivery.js';

/**
 * The published JSON Schema (draft 2020-12) of a standard delivery, generated from the zod schema so
 * the two cannot drift (`test/unit/standard.json-schema.test.ts` fails when the file is stale).
 * `io: 'input'`: it describes what a sender may post.
 */
export function standardDeliveryJsonSchema(): string {
  const schema = z.toJSONSchema(builtSchema(StandardDelivery), { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const schemaFile = fileURLToPath(new URL('./standard-delivery.schema.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, standardDeliveryJsonSchema());
  console.log(`wrote ${schemaFile}`);
}
