import { fieldText } from '../../core/values.js';
import type { BambooHrSettings, FieldKey } from './settings.js';

/**
 * Where each value is looked for when the configured name is not in a field-based delivery: BambooHR's
 * English display name (its default key) and the API field name (the alias an admin is most likely to
 * choose, "First Name" → "firstName"; documentation.bamboohr.com, "Field-Based Webhooks").
 */
const FALLBACK_NAMES: Record<FieldKey, readonly string[]> = {
  workEmail: ['Work Email', 'workEmail'],
  firstName: ['First Name', 'firstName'],
  lastName: ['Last Name', 'lastName'],
  preferredName: ['Preferred Name', 'preferredName'],
  jobTitle: ['Job Title', 'jobTitle'],
  department: ['Department', 'department'],
  status: ['Status', 'status'],
  employmentStatus: ['Employment Status', 'employmentHistoryStatus', 'employmentStatus'],
  terminationDate: ['Termination Date', 'terminationDate'],
};

export type FieldValues = Partial<Record<FieldKey, string>>;

/**
 * The values a field-based delivery carries for this project's fields, by `fieldMap` name. Keys match
 * without regard to case or surrounding spaces (BambooHR's own form example writes "First name").
 * A value is plain or wrapped as `{"value": ...}` (https://documentation.bamboohr.com/docs/field-based-webhooks
 * does not settle which: both are read); numbers
 * and booleans become text; null, empty and anything else count as absent.
 */
export function readFields(
  fields: Record<string, unknown>,
  fieldMap: BambooHrSettings['fieldMap'],
): FieldValues {
  const byName = new Map<string, unknown>();
  for (const [name, value] of Object.entries(fields)) {
    const key = normalise(name);
    if (!byName.has(key)) byName.set(key, value);
  }
  const values: FieldValues = {};
  for (const key of Object.keys(fieldMap) as FieldKey[]) {
    for (const name of [fieldMap[key], ...FALLBACK_NAMES[key]]) {
      const value = fieldText(byName.get(normalise(name)));
      if (value !== undefined) {
        values[key] = value;
        break;
      }
    }
  }
  return values;
}

const normalise = (name: string) => name.trim().toLowerCase();
