import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { providers } from '../../lambda/providers/index.js';

const core = resolve(dirname(fileURLToPath(import.meta.url)), '../../lambda/core');
const sources = readdirSync(core)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(core, name), 'utf8') }));
const specifiers = (text: string) =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );

describe('the core (lambda/core/)', () => {
  it('imports no file outside lambda/core: config, providers and adapters depend on it, never the reverse', () => {
    const outside = sources.flatMap(({ name, text }) =>
      specifiers(text)
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => relative(core, resolve(core, specifier)).startsWith('..'))
        .map((specifier) => `${name} -> ${specifier}`),
    );
    expect(sources.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it('reads neither the clock nor the environment: `now` and settings are passed in', () => {
    const offenders = sources
      .filter(({ text }) => /\bDate\.now\(|\bprocess\.env\b|\bfetch\(/.test(text))
      .map(({ name }) => name);
    expect(offenders).toEqual([]);
  });

  it('names no provider, in code or comments: a new HR system is added without touching the core', () => {
    const names = providers.flatMap((provider) => [provider.name, provider.title.replace(/^the /, '')]);
    expect(names).toContain('personio');
    const vendor = new RegExp(`\\b(?:${names.join('|')})\\b`, 'i');
    const offenders = sources.flatMap(({ name, text }) =>
      text
        .split('\n')
        .flatMap((line, index) => (vendor.test(line) ? [`${name}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
