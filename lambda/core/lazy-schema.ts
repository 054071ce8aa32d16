/**
 * A schema defined at module scope but built on first use: the first property read (`parse`,
 * `shape`, `_zod`) runs `build`, once, and every later read goes to what it built. Building zod
 * schemas was most of a function's cold import (each `z.object`, `z.string().check(...)` is an object
 * whose methods are set up one by one, and the first one built pays for compiling zod's constructors),
 * while a cold start uses few of them: another provider's parser, the access review's report or the
 * config, when a handler reads it on first use, then cost nothing at import. Behaviour and messages
 * are the schema's own; only when it is built changes.
 *
 * The proxy is zod's own `util.createTransparentProxy`, written out (importing zod's `util` namespace
 * would bundle all of it), and made transparent for what reads an object as a whole too: `Object.keys`,
 * spread, `Object.getPrototypeOf`, `instanceof`, `console.log`. Mark each call `@__PURE__` so a bundle
 * drops a schema no code of it reads (esbuild does not carry `@__NO_SIDE_EFFECTS__` across files).
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => {
    built ??= build();
    return built;
  };
  // The proxy's own target stands in for the schema where JavaScript checks it: a property the
  // schema cannot lose (zod's `_zod` is not configurable) must be on it too before a trap may report
  // it (the Proxy invariants, https://tc39.es/ecma262/#sec-proxy-object-internal-methods-and-internal-slots),
  // and Node's `util.inspect` shows a proxy's target without calling a trap, so it carries the hook
  // that shows the schema instead.
  const stand = Object.defineProperty({}, INSPECT, {
    configurable: true,
    value: (depth: number, options: object, inspect: (value: unknown, options: object) => string) =>
      inspect(target(), { ...options, depth }),
  }) as T;
  const report = (key: string | symbol): PropertyDescriptor | undefined => {
    const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
    if (descriptor?.configurable === false) Reflect.defineProperty(stand, key, descriptor);
    return descriptor;
  };
  return new Proxy(stand, {
    get: (_, key, receiver) => (key === BUILT ? target() : Reflect.get(target(), key, receiver)),
    set: (_, key, value, receiver) => Reflect.set(target(), key, value, receiver),
    has: (_, key) => Reflect.has(target(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => report(key),
    defineProperty: (_, key, descriptor) => {
      const defined = Reflect.defineProperty(target(), key, descriptor);
      report(key);
      return defined;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    setPrototypeOf: (_, proto) => Reflect.setPrototypeOf(target(), proto),
    // Once frozen or sealed, the stand-in must be the schema's copy: a non-extensible target's keys
    // and prototype are the only ones a trap may report.
    preventExtensions: () => {
      const schema = target();
      Reflect.deleteProperty(stand, INSPECT);
      for (const key of Reflect.ownKeys(schema)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(schema, key);
        if (descriptor) Reflect.defineProperty(stand, key, descriptor);
      }
      Reflect.setPrototypeOf(stand, Reflect.getPrototypeOf(schema));
      return Reflect.preventExtensions(schema) && Reflect.preventExtensions(stand);
    },
  });
}

const BUILT = Symbol('built schema');
// Node's `util.inspect.custom` (https://nodejs.org/api/util.html#utilinspectcustom), named without
// importing node:util into the core.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The schema itself behind a lazy one (any other value as it is), for what looks a schema up by
 * identity: zod's metadata registry, which `z.toJSONSchema` reads for titles and descriptions.
 */
export const builtSchema = <T extends object>(schema: T): T => (schema as { [BUILT]?: T })[BUILT] ?? schema;
