/**
 * `roles.rules[2].match.department` from a zod issue path. On its own, importing nothing, so the
 * providers' parsers can use it without importing the config schema that is built from them.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}
