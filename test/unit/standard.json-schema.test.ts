import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StandardDelivery } from '../../lambda/providers/standard/standard-delivery.js';
import { schemaFile, standardDeliveryJsonSchema } from '../../lambda/providers/standard/write-json-schema.js';
import { fixture } from '../support/standard-webhook.js';

describe('the published standard delivery JSON Schema', () => {
  it('is exactly what the zod schema produces now (run `npm run schema` after changing it)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(standardDeliveryJsonSchema());
  });

  it('is draft 2020-12 and accepts one change or a list', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.anyOf.map((branch: { type: string }) => branch.type)).toEqual(['object', 'array']);
  });

  it('describes the fixtures, which the zod schema accepts', () => {
    expect(StandardDelivery.safeParse(JSON.parse(fixture('employee-updated.json'))).success).toBe(true);
    expect(StandardDelivery.safeParse(JSON.parse(fixture('batch.json'))).success).toBe(true);
    expect(StandardDelivery.safeParse(JSON.parse(fixture('invalid-email.json'))).success).toBe(false);
  });
});
