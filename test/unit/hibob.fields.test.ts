import { describe, expect, it } from 'vitest';
import { utcMillis } from '../../lambda/core/values.js';
import { readField } from '../../lambda/providers/hibob/api.js';

// HiBob answers a field nested (`work.title`, `root.` fields at the top level) or under a slash key
// (`/work/title`, bare or `{"value": ...}`), and with humanReadable APPEND adds a `humanReadable` node
// (apidocs.hibob.com, "People read API contract" and "How to work with lists").
describe('reading a HiBob field', () => {
  it('finds a root field at the top level, under root, or under its slash key', () => {
    expect(readField({ email: 'a@example.test' }, 'root.email', false)).toBe('a@example.test');
    expect(readField({ root: { email: 'b@example.test' } }, 'root.email', false)).toBe('b@example.test');
    expect(readField({ '/root/email': { value: 'c@example.test' } }, 'root.email', false)).toBe(
      'c@example.test',
    );
    expect(readField({ '/root/email': 'd@example.test' }, 'root.email', false)).toBe('d@example.test');
  });

  it('prefers the name for list fields and the machine value for times', () => {
    const record = {
      work: { department: '209192163' },
      '/work/department': { value: '209192163' },
      humanReadable: { work: { department: 'Account Receivables' } },
    };
    expect(readField(record, 'work.department', true)).toBe('Account Receivables');
    expect(readField(record, 'work.department', false)).toBe('209192163');
  });

  it('passes over null and absent values to the next form', () => {
    expect(readField({ work: { title: null }, '/work/title': { value: 'Pilot' } }, 'work.title', false)).toBe(
      'Pilot',
    );
    expect(readField({ work: {} }, 'work.title', true)).toBeUndefined();
  });
});

describe('a HiBob timestamp', () => {
  it('is UTC when it has no offset, and keeps milliseconds', () => {
    expect(utcMillis('2025-01-08T13:06:26.915906')).toBe(Date.parse('2025-01-08T13:06:26.915Z'));
    expect(utcMillis('2025-01-08T13:06')).toBe(Date.parse('2025-01-08T13:06:00Z'));
  });

  it('keeps an offset, with or without a colon', () => {
    expect(utcMillis('2025-01-08T14:06:26+01:00')).toBe(Date.parse('2025-01-08T13:06:26Z'));
    expect(utcMillis('2025-01-08T14:06:26+0100')).toBe(Date.parse('2025-01-08T13:06:26Z'));
  });

  it('is not read from a bare date or a date written for people', () => {
    expect(utcMillis('2025-01-08')).toBeUndefined();
    expect(utcMillis('08/01/2025 13:06')).toBeUndefined();
    expect(utcMillis('2025-13-45T99:99:99')).toBeUndefined();
  });
});
