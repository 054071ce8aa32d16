import * as z from 'zod/mini';
import { lazySchema } from '../core/lazy-schema.js';
import { UserId } from '../core/user-patch.js';
import { ProviderName } from '../providers/index.js';

// A function, not a constant: reading ProviderName at import would build it on every cold start.
const prefixes = () => ProviderName.options.map((provider) => `${provider}:`).join(', ');

/**
 * `provider:id` → Heymarket user id. The prefix is required: HR systems number their employees
 * independently, so a bare `7` would match BambooHR's employee 7 and Personio's person 7 alike, and a
 * Personio deletion would then move the BambooHR employee's user.
 */
export const IdentityOverrides = /* @__PURE__ */ lazySchema(() =>
  z.record(z.string(), UserId).check(
    z.superRefine((overrides, ctx) => {
      for (const key of Object.keys(overrides)) {
        const problem = overrideKeyProblem(key);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: key });
      }
    }),
  ),
);

/** What is wrong with an override key, said so that the person can fix it; undefined when it is usable. */
export function overrideKeyProblem(key: string): string | undefined {
  const colon = key.indexOf(':');
  const prefix = colon === -1 ? undefined : key.slice(0, colon);
  const id = colon === -1 ? key : key.slice(colon + 1);
  if (prefix === undefined || !ProviderName.safeParse(prefix).success) {
    const example = /^[\w.-]{1,32}$/.test(key) ? key : '12345';
    const start = prefix === undefined ? '' : `starts with "${shown(prefix)}:", which is no provider; it `;
    return `key ${quoted(key)} ${start}needs a provider prefix: one of ${prefixes()} (e.g. "bamboohr:${example}")`;
  }
  if (id.trim() === '') return `key ${quoted(key)} needs the HR employee id after "${prefix}:"`;
  if (id.trim() !== id) return `key ${quoted(key)} has spaces around the HR employee id: remove them`;
  return undefined;
}

// A key is an HR employee id, not personal data, but one that looks like an email address is not
// quoted: error messages never carry an email.
const quoted = (key: string) => (key.includes('@') ? '(an email address?)' : `"${shown(key)}"`);
const shown = (text: string) => (text.length > 64 ? `${text.slice(0, 64)}…` : text);
