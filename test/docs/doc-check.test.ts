import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anchorsOf,
  brokenLinks,
  cliCommandsNamed,
  commandsInHelp,
  npmScriptsNamed,
} from '../support/doc-check.js';

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'doc-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the documentation checker', () => {
  it('reports a link to a file that does not exist, and not one that does', () => {
    const root = repository({ 'docs/a.md': '# A\n', 'README.md': '[a](docs/a.md) [gone](docs/gone.md)\n' });
    const problems = brokenLinks(root, { path: 'README.md', text: '[a](docs/a.md) [gone](docs/gone.md)\n' });
    expect(problems).toEqual([expect.stringContaining('docs/gone.md')]);
  });

  it('reports an anchor that matches no heading, as GitHub spells anchors', () => {
    const root = repository({ 'docs/a.md': '# What `cdk deploy` creates\n## Teardown\n' });
    expect(anchorsOf('# What `cdk deploy` creates\n## Teardown\n')).toEqual(
      new Set(['what-cdk-deploy-creates', 'teardown']),
    );
    const text = '[ok](docs/a.md#teardown) [bad](docs/a.md#tear-down)\n';
    expect(brokenLinks(root, { path: 'README.md', text })).toEqual([expect.stringContaining('#tear-down')]);
  });

  it('ignores links inside code blocks and to other sites', () => {
    const root = repository({});
    const text = '```md\n[x](nowhere.md)\n```\n[site](https://example.com/x.md)\n';
    expect(brokenLinks(root, { path: 'README.md', text })).toEqual([]);
  });

  it('finds npm scripts and hr-sync commands only in code', () => {
    const doc = {
      path: 'README.md',
      text: 'Run npm run prose.\n\n```sh\nnpm install && npm start\nnpm run hr-sync -- dlq list\n```\nThen `npx hr-sync status --stack X` and `hr-sync.config.json`.\n',
    };
    expect(npmScriptsNamed(doc).sort()).toEqual(['hr-sync', 'start']);
    expect(cliCommandsNamed(doc)).toEqual([
      ['dlq', 'list'],
      ['status', undefined],
    ]);
  });

  it('reads command names from a hand-written help and from commander-style help', () => {
    expect(commandsInHelp('usage: x\n\ncommands:\n  map --provider X   a\n  dlq list   b\n\nmore\n')).toEqual(
      new Set(['map', 'dlq']),
    );
    expect(
      commandsInHelp(
        'Usage: hr-sync [options]\n\nOptions:\n  -V\n\nCommands:\n  status [options]  x\n  help [command]\n',
      ),
    ).toEqual(new Set(['status', 'help']));
  });
});
