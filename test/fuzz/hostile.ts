import fc from 'fast-check';
import type { ProviderName } from './deliveries.js';

/**
 * Hostile values for the places a delivery names things: employee ids, tenant ids, event names, object
 * keys. Each is what an attacker (or a careless HR admin) can type into an HR system or a forged body:
 * names every JavaScript object answers to, numbers at the edge of what JSON and JavaScript agree on,
 * empty, very long and non-ASCII text.
 */

/** Keys every plain object answers to through its prototype. */
export const BUILT_IN_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
];

/** The same ids written as text: numbers JavaScript cannot hold exactly, or would read differently. */
const NUMERIC_TEXT = [
  '0',
  '-1',
  '9007199254740992',
  '9007199254740993',
  '1.5',
  '1e3',
  '-0',
  'NaN',
  'Infinity',
];

/** The same as JSON numbers: 2^53 is the first integer that is not safe, 1e21 prints as `1e+21`. */
const NUMBERS = [0, -1, 2 ** 53, 2 ** 53 + 2, 1.5, -0.5, 1e21, Number.MAX_SAFE_INTEGER];

/** An employee id as a delivery may write it: text or a JSON number. */
export type IdValue = string | number;

/** Hostile employee ids, with a share of honest ones so that acceptance is reached as well. */
export const hostileId: fc.Arbitrary<IdValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<IdValue>(...BUILT_IN_NAMES, ...NUMERIC_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom<IdValue>(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<IdValue>('', ' ', 'x'.repeat(128), 'x'.repeat(129)) },
  { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 300 }) },
  // Unicode: letters outside ASCII, emoji, lone surrogates, control characters.
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}$/) },
);

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const textIn = (value: string, max = 128) => value.length >= 1 && value.length <= max;

/**
 * The employee id the receiver queues for `value` written where `provider` carries the employee id, or
 * undefined when the delivery must be refused (a 400; for Personio an employment event is ignored).
 * Each rule is the provider's documented id type with the queue message's 128-character limit:
 * - Standard Webhooks and Merge: a string (Merge's `data.id` is a UUID string);
 * - BambooHR: a string, trimmed, or a safe integer (the API writes ids as strings, numbers are taken);
 * - HiBob: a string, or a safe integer;
 * - Personio: a person id, a safe integer or visible ASCII, trimmed (it becomes an API path segment).
 */
export function queuedIdOf(provider: ProviderName, value: IdValue): string | undefined {
  if (typeof value === 'number') {
    const integer = Number.isSafeInteger(value);
    switch (provider) {
      case 'bamboohr':
      case 'hibob':
        return integer ? String(value) : undefined;
      case 'personio':
        return integer && value >= 0 ? String(value) : undefined;
      default:
        return undefined;
    }
  }
  switch (provider) {
    case 'bamboohr':
      return textIn(value.trim()) ? value.trim() : undefined;
    case 'personio': {
      const text = value.trim();
      return textIn(text) && VISIBLE_ASCII.test(text) ? text : undefined;
    }
    default:
      return textIn(value) ? value : undefined;
  }
}

/** The tenant a hostile company or account id queues as, or undefined for a 400 (see `queuedIdOf`). */
export function queuedTenantOf(provider: ProviderName, value: IdValue): string | undefined {
  const text = (candidate: string) =>
    candidate.length >= 1 && candidate.length <= 128 ? candidate : undefined;
  if (typeof value === 'number') {
    return provider !== 'merge' && Number.isSafeInteger(value) ? String(value) : undefined;
  }
  return text(provider === 'bamboohr' ? value.trim() : value);
}

/**
 * The answer to an event named `name` that no provider sends: Standard Webhooks' `type` is one of four,
 * so a 400; elsewhere an empty name is a 400 and any other is acknowledged as not relevant (200), except
 * a BambooHR field-based action that is blank, which BambooHR documents for every employee and is read
 * as an update (bamboohr/parse.ts).
 */
export function eventStatusOf(provider: ProviderName, name: string, fieldBased: boolean): number {
  if (provider === 'standard') return 400;
  if (provider === 'bamboohr' && fieldBased) return name.trim() === '' ? 202 : 200;
  return name === '' ? 400 : 200;
}

/** Event names that name no event: built-ins alone, or after a real model name, and junk. */
export const hostileEventName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...BUILT_IN_NAMES),
  fc
    .tuple(
      fc.constantFrom('employee.', 'Employee.', 'person.', 'employment.', 'table.'),
      fc.constantFrom(...BUILT_IN_NAMES),
    )
    .map(([model, name]) => `${model}${name}`),
  fc.constantFrom('', ' ', 'employee', 'employee.updated.x', 'person.', '.'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Tenant (company, linked account) ids: the same hostile ids. */
export const hostileTenant = hostileId;

/**
 * A value placed under a hostile key: anything, or an object shaped like what the parser looks for,
 * so that a key that became a prototype would be seen to lend its fields.
 */
export const shadowValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record(
    {
      id: fc.constantFrom('shadow-id', 4242),
      employeeId: fc.constant('shadow-id'),
      person: fc.constant({ id: 'shadow-id' }),
      person_id: fc.constant('shadow-id'),
      work_email: fc.constant('admin@example.test'),
      workEmail: fc.constant('admin@example.test'),
      first_name: fc.constant('Shadow'),
      firstName: fc.constant('Shadow'),
      employees: fc.constant([{ id: 'shadow-id', action: 'Updated' }]),
      type: fc.constant('employee.updated'),
      status: fc.constant('terminated'),
    },
    { requiredKeys: [] },
  ),
);

/** Sets `key` on `target` as an own, enumerable property, even `__proto__` (as JSON.parse would). */
export function defineOwn(target: object, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
