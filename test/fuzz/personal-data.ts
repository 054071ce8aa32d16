import { fixturesOf, type ProviderName, SPECS } from './deliveries.js';

export const PROVIDERS = Object.keys(SPECS) as ProviderName[];

// Keys whose values name a person or reach one; `event_name`, `model_name` and team names are not PII.
const PERSONAL_KEY = /^(first|last|preferred|display|full|display_full|user)[ _]?names?$|e-?mail/i;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** Every name and email in the fixtures: values under personal keys, and any email anywhere. */
export function personalData(): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key = '') => {
    if (typeof value === 'string' && PERSONAL_KEY.test(key)) found.add(value);
    else if (value && typeof value === 'object') {
      // BambooHR wraps a field's value as `{ "value": ... }`: it keeps its field's key.
      for (const [child, item] of Object.entries(value)) walk(item, child === 'value' ? key : child);
    }
  };
  for (const provider of PROVIDERS) {
    for (const fixture of fixturesOf(provider)) {
      for (const email of fixture.text.match(EMAIL) ?? []) found.add(email);
      if (fixture.name.endsWith('.json')) walk(JSON.parse(fixture.text));
      else {
        // `employees[12345][First name]=Bryony`: the last bracketed segment is the field.
        for (const [key, value] of new URLSearchParams(fixture.text))
          walk(value, /\[([^[\]]*)\]$/.exec(key)?.[1]);
      }
    }
  }
  return [...found].map((text) => text.trim()).filter((text) => text.length >= 3);
}

/** Each provider's secret, and the base64 key inside the Standard Webhooks `whsec_` secret. */
export const SECRETS = Object.values(SPECS).flatMap((spec) =>
  spec.secret.startsWith('whsec_') ? [spec.secret, spec.secret.slice('whsec_'.length)] : [spec.secret],
);
