import { bodyText } from '../body.js';

// Names that would reach an object's prototype if used as keys: such a parameter is dropped.
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
// Deeper than any documented form key (`employees[<id>][changedFields][0]`): the rest is not nested.
const MAX_DEPTH = 6;

/**
 * A form-encoded delivery (BambooHR's "Form Post" encoding, PHP-style bracket keys:
 * `type=employee.updated&data[employeeId]=67890&data[changedFields][0]=firstName`) as the nested object
 * its JSON encoding would be. Lists come back as objects keyed by index (`{"0": "firstName"}`): the
 * parser takes either, since a numeric key can as well be an employee id (`employees[12345][...]`).
 * `[]` appends. A parameter whose key cannot be nested where it points (a value already there) is dropped.
 */
export function parseFormBody(body: Buffer): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(bodyText(body))) {
    const path = keyPath(key);
    if (path.length === 0 || path.some((segment) => UNSAFE.has(segment))) continue;
    assign(root, path, value);
  }
  return root;
}

function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match?.[1]) return key === '' ? [] : [key];
  const segments = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((found) => found[1] ?? '');
  const path = [match[1], ...segments];
  return path.length > MAX_DEPTH ? [match[1], ...segments.slice(0, MAX_DEPTH - 1)] : path;
}

function assign(root: Record<string, unknown>, path: string[], value: string) {
  let node = root;
  for (const [index, raw] of path.entries()) {
    const segment = raw === '' ? String(Object.keys(node).length) : raw;
    if (index === path.length - 1) {
      if (!Object.hasOwn(node, segment)) node[segment] = value;
      return;
    }
    if (!Object.hasOwn(node, segment)) node[segment] = {};
    const next = node[segment];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
}
