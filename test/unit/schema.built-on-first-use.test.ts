import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import * as z from 'zod/mini';
import { Config } from '../../lambda/config/schema.js';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { builtSchema, lazySchema } from '../../lambda/core/lazy-schema.js';
import '../../lambda/core/zod-locale.js';

// The same shape twice: built at once, and built on first use.
const shape = () =>
  z.strictObject({
    id: z.string().check(z.minLength(1)),
    roleId: z._default(z.int().check(z.positive()), 3),
    email: z.optional(z.email()),
  });

const counted = () => {
  let builds = 0;
  const schema = lazySchema(() => {
    builds += 1;
    return shape();
  });
  return { schema, builds: () => builds };
};

describe('a schema built on first use (lambda/core/lazy-schema.ts)', () => {
  it('builds nothing until it is first read, then builds once however often it is used', () => {
    const { schema, builds } = counted();
    const nested = lazySchema(() => z.object({ inner: schema }));
    expect(builds()).toBe(0);

    expect(nested.parse({ inner: { id: 'a' } })).toEqual({ inner: { id: 'a', roleId: 3 } });
    schema.parse({ id: 'b' });
    schema.safeParse({ id: '' });
    expect(builds()).toBe(1);
  });

  it('accepts, defaults, refuses and words its problems exactly as the schema it builds', () => {
    const eager = shape();
    const { schema } = counted();
    const inputs: unknown[] = [
      { id: 'a' },
      { id: 'a', roleId: 9, email: 'a@example.com' },
      { id: '', roleId: -1, email: 'not-an-email' },
      { id: 'a', extra: true },
      'not an object',
      undefined,
    ];
    for (const input of inputs) {
      const lazy = schema.safeParse(input, { reportInput: false });
      const plain = eager.safeParse(input, { reportInput: false });
      expect(lazy.success).toBe(plain.success);
      expect(lazy.data).toEqual(plain.data);
      expect(lazy.error?.issues).toEqual(plain.error?.issues);
    }
  });

  it('keeps its defaults when wrapped by another schema (a config section that may be left out)', () => {
    const { schema } = counted();
    const section = z.strictObject({ section: z.prefault(schema, { id: 'x' }) });
    expect(section.parse({})).toEqual({ section: { id: 'x', roleId: 3 } });
    expect(Object.keys(schema.shape)).toEqual(['id', 'roleId', 'email']);
  });

  it('hands over the schema it built for lookups by identity, so a JSON Schema keeps its title', () => {
    const titled = lazySchema(() => shape().check(z.meta({ title: 'Titled' })));
    const built = builtSchema(titled);
    expect(builtSchema(titled)).toBe(built);
    expect(zod.toJSONSchema(built).title).toBe('Titled');

    const plain = shape();
    expect(builtSchema(plain)).toBe(plain);
  });

  it('reads as a whole like the schema it builds: keys, spread, entries, prototype, printing', () => {
    const eager = shape();
    const { schema } = counted();
    expect(Object.keys(schema)).toEqual(Object.keys(eager));
    expect(Object.keys({ ...schema })).toEqual(Object.keys({ ...eager }));
    expect(Object.entries(schema).map(([key]) => key)).toEqual(Object.entries(eager).map(([key]) => key));
    expect(Object.getPrototypeOf(schema)).toBe(Object.getPrototypeOf(eager));
    expect(schema).toBeInstanceOf(z.ZodMiniObject);
    expect(inspect(schema)).toBe(inspect(builtSchema(schema)));
    expect(inspect(schema)).toMatch(/^ZodMiniObject \{/);
  });

  it("reads as a whole like the schema it builds for the project's own lazy schemas too", () => {
    for (const schema of [Config, EmployeeChange]) {
      const built = builtSchema(schema);
      expect(Object.keys(schema)).toEqual(Object.keys(built));
      expect({ ...schema }).toEqual({ ...built });
      expect(Object.entries(schema)).toEqual(Object.entries(built));
      expect(Object.getPrototypeOf(schema)).toBe(Object.getPrototypeOf(built));
      expect(Object.getOwnPropertyDescriptor(schema, '_zod')).toEqual(
        Object.getOwnPropertyDescriptor(built, '_zod'),
      );
      expect(inspect(schema, { depth: 1 })).toBe(inspect(built, { depth: 1 }));
    }
  });

  it('can be frozen like the schema it builds, and keeps parsing', () => {
    const eager = shape();
    const { schema } = counted();
    for (const frozen of [eager, schema]) {
      frozen.parse({ id: 'a' });
      Object.freeze(frozen);
    }
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.keys(schema)).toEqual(Object.keys(eager));
    expect(schema.parse({ id: 'a' })).toEqual(eager.parse({ id: 'a' }));
  });
});
