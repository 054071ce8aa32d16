import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import * as z from 'zod/mini';
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
});
