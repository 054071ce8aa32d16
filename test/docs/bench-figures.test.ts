import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'docs/output/performance.mjs');
const FILES = [
  'bench/results.json',
  'README.md',
  'docs/architecture.md',
  'docs/cost.md',
  'docs/output/performance.md',
];

/** Runs the writer in `--check` mode: its exit status and what it said. */
function check(root: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [SCRIPT, '--check', '--root', root], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { status: failed.status, output: failed.stderr };
  }
}

/** A copy of the documents and results, one of them edited. */
function copyWith(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-figures-'));
  for (const name of FILES) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    copyFileSync(join(ROOT, name), join(root, name));
  }
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return root;
}

describe('the figures in the documentation', () => {
  it('are exactly the ones bench/results.json gives', () => {
    expect(check(ROOT)).toEqual({ status: 0, output: '' });
  });

  it('fail the check when one is typed over by hand', () => {
    const root = copyWith('docs/cost.md', (text) =>
      text.replace(
        /(bench:cost-per-change:start -->[\s\S]*?\*\*\$)(\d)/,
        (_, head, digit) => `${head}${(Number(digit) + 1) % 10}`,
      ),
    );
    expect(check(root)).toEqual({ status: 1, output: expect.stringContaining('docs/cost.md') });
  });

  it('fail the check when results.json changes and the documents are not written again', () => {
    const root = copyWith('bench/results.json', (text) => {
      const results = JSON.parse(text);
      results.buyer.latency[0].p50Ms += 1_000;
      return JSON.stringify(results);
    });
    expect(check(root)).toEqual({ status: 1, output: expect.stringContaining('docs/architecture.md') });
  });

  it('fail the check when a document has lost the markers the figures go between', () => {
    const root = copyWith('docs/architecture.md', (text) =>
      text.replace('<!-- bench:performance:end -->', ''),
    );
    expect(check(root)).toEqual({
      status: 1,
      output: expect.stringContaining('no <!-- bench:performance:start -->'),
    });
  });

  it("cover README.md's figures: typed over, the check fails; written by the script, it passes", () => {
    const root = copyWith('README.md', (text) =>
      text.replace(
        /<!-- bench:readme:start -->[\s\S]*?<!-- bench:readme:end -->/,
        '<!-- bench:readme:start -->\n| typed | 1 s |\n<!-- bench:readme:end -->',
      ),
    );
    expect(check(root)).toEqual({ status: 1, output: expect.stringContaining('README.md') });
    execFileSync(process.execPath, [SCRIPT, '--root', root], { stdio: 'ignore' });
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/webhook accepted → Heymarket updated/);
    expect(check(root)).toEqual({ status: 0, output: '' });
  });
});
