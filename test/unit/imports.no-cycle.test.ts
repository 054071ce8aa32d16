import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every relative specifier a file names: `import`, `import type`, `export … from`, a bare `import '…'`
 * and a dynamic `import('…')`. Type-only imports count: a cycle through types still ties the files
 * together for a reader and for tsc.
 */
function relativeSpecifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1] ?? '');
  return found.filter((specifier) => specifier.startsWith('.'));
}

/** The file a specifier names: `./x.js` is `./x.ts` in the sources; anything not a source file is left out. */
function resolveSource(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
  return target.endsWith('.ts') && existsSync(target) ? target : undefined;
}

const files = ['lambda', 'infra'].flatMap((folder) => sourceFiles(join(root, folder)));
const graph = new Map<string, string[]>(
  files.map((file) => [
    file,
    relativeSpecifiers(readFileSync(file, 'utf8')).flatMap(
      (specifier) => resolveSource(file, specifier) ?? [],
    ),
  ]),
);

/** One cycle per strongly connected group of files (Tarjan), each shown as the path around it. */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    const selfLoop = (edges.get(node) ?? []).includes(node);
    if (group.length > 1 || selfLoop) groups.push(group);
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return groups.map((group) => pathAround(group, edges));
}

/** A shortest way from the group's first file back to itself, through the group only. */
function pathAround(group: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const target of edges.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
        return [...path, start].map((file) => relative(root, file));
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return group.map((file) => relative(root, file));
}

describe('imports in lambda/ and infra/', () => {
  it('reads every source file and follows the imports between them', () => {
    expect(files.length).toBeGreaterThan(150);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('form no cycle, type-only imports included: each file can be read after the files it imports', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('a cycle is found when there is one (the walker is not blind)', () => {
    const edges = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
      ['/d.ts', ['/a.ts']],
    ]);
    expect(cycles(edges)).toHaveLength(1);
    expect(cycles(edges)[0]).toHaveLength(4);
    expect(
      cycles(
        new Map([
          ['/a.ts', ['/b.ts']],
          ['/b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('counts `import type`, `export … from` and dynamic imports as edges', () => {
    const text = [
      "import type { A } from './a.js';",
      "import {\n  type B,\n  c,\n} from '../b.js';",
      "export { d } from './d.js';",
      "export type * from './e.js';",
      "const f = await import('./f.js');",
      "import 'node:fs';",
    ].join('\n');
    expect(relativeSpecifiers(text)).toEqual(['./a.js', '../b.js', './d.js', './e.js', './f.js']);
  });
});
