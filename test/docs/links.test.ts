import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  brokenLinks,
  cliCommandsNamed,
  commandsInHelp,
  documentationFiles,
  npmScriptsNamed,
} from '../support/doc-check.js';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const docs = documentationFiles(root);

/** The CLI's own help, through the npm script the docs tell a newcomer to use. */
function help(...args: string[]): string {
  return execFileSync('npm', ['run', '--silent', 'hr-sync', '--', ...args, '--help'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
}

describe('the documentation (README.md, infra/README.md, docs/)', () => {
  it('is found, README and docs alike', () => {
    expect(docs.map((doc) => doc.path)).toEqual(
      expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/operations.md']),
    );
  });

  it('links only to files and headings that exist', () => {
    expect(docs.flatMap((doc) => brokenLinks(root, doc))).toEqual([]);
  });

  it('names only npm scripts that package.json defines', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).scripts ?? {});
    const missing = docs.flatMap((doc) =>
      npmScriptsNamed(doc)
        .filter((name) => !scripts.includes(name))
        .map((name) => `${doc.path}: npm run ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('names only hr-sync commands (and subcommands) that the CLI lists in its help', () => {
    const topHelp = help();
    const commands = commandsInHelp(topHelp);
    expect(commands.size).toBeGreaterThan(0);
    const named = docs.flatMap((doc) => cliCommandsNamed(doc).map((entry) => ({ doc: doc.path, entry })));
    const subHelp = new Map<string, string>();
    const missing: string[] = [];
    for (const {
      doc,
      entry: [command, sub],
    } of named) {
      if (!commands.has(command)) {
        missing.push(`${doc}: hr-sync ${command}`);
        continue;
      }
      if (sub === undefined || command === 'help') continue;
      if (!subHelp.has(command)) subHelp.set(command, help(command));
      const text = subHelp.get(command) ?? '';
      const listed =
        commandsInHelp(text).has(sub) || new RegExp(`\\b${command} ${sub}\\b`).test(topHelp + text);
      // A word after the command that its help does not name as a subcommand is only a problem if the
      // command has subcommands at all (`hr-sync status local` would be an argument, not a typo).
      const hasSubcommands = commandsInHelp(text).size > 0 || new RegExp(`\\b${command} [a-z]`).test(topHelp);
      if (hasSubcommands && !listed) missing.push(`${doc}: hr-sync ${command} ${sub}`);
    }
    expect(missing).toEqual([]);
    // Each help is a node process with tsx started through npm: seconds each on a busy machine.
  }, 120_000);
});
