/**
 * A schema defined at module scope but built on first use: the first property read (`parse`,
 * `shape`, `_zod`) runs `build`, once, and every later read goes to what it built. Building zod
 * schemas was most of a function's cold import (each `z.object`, `z.string().check(...)` is an object
 * whose methods are set up one by one, and the first one built pays for compiling zod's constructors),
 * while a cold start uses few of them: another provider's parser, the access review's report or the
 * config, when a handler reads it on first use, then cost nothing at import. Behaviour and messages
 * are the schema's own; only when it is built changes.
 *
 * The proxy is zod's own `util.createTransparentProxy`, written out: importing zod's `util` namespace
 * would bundle all of it (~8 KB). Mark each call `@__PURE__` so a bundle drops a schema no code of it
 * reads (esbuild does not carry `@__NO_SIDE_EFFECTS__` across files).
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, key, receiver) => (key === BUILT ? target() : Reflect.get(target(), key, receiver)),
    set: (_, key, value, receiver) => Reflect.set(target(), key, value, receiver),
    has: (_, key) => Reflect.has(target(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(target(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
  });
}

const BUILT = Symbol('built schema');

/**
 * The schema itself behind a lazy one (any other value as it is), for what looks a schema up by
 * identity: zod's metadata registry, which `z.toJSONSchema` reads for titles and descriptions.
 */
export const builtSchema = <T extends object>(schema: T): T => (schema as { [BUILT]?: T })[BUILT] ?? schema;
