import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * What the documentation link test reads of a Markdown file: its links, its headings' anchors, and the
 * commands named in its code (inline spans and fenced blocks), so a renamed file, heading, npm script
 * or CLI command breaks a test instead of a reader.
 */
export interface DocFile {
  path: string;
  text: string;
}

const FENCE = /^(```|~~~)/;

// Fenced blocks that hold output or data, not commands someone would type.
const NOT_COMMANDS = new Set(['text', 'json', 'mermaid', 'md', 'markdown']);

/**
 * The file split into prose (fenced blocks blanked; `text` keeps inline code, `prose` drops it) and the
 * code a reader may type: inline spans and fenced blocks other than output or data.
 */
function split(text: string): { text: string; prose: string; code: string[] } {
  const prose: string[] = [];
  const code: string[] = [];
  let fence: string | undefined;
  let language = '';
  let block: string[] = [];
  for (const line of text.split('\n')) {
    const opener = FENCE.exec(line.trimStart())?.[1];
    if (fence === undefined && opener) {
      fence = opener;
      language = line.trimStart().slice(opener.length).trim().toLowerCase();
      block = [];
      prose.push('');
    } else if (fence !== undefined && line.trimStart().startsWith(fence)) {
      if (!NOT_COMMANDS.has(language)) code.push(block.join('\n'));
      fence = undefined;
      prose.push('');
    } else if (fence !== undefined) {
      block.push(line);
      prose.push('');
    } else {
      prose.push(line);
    }
  }
  const spans = [...prose.join('\n').matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
  const kept = prose.join('\n');
  return { text: kept, prose: kept.replace(/`[^`\n]+`/g, ''), code: [...code, ...spans] };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2. */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of split(text).text.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every relative link that does not resolve to a file (or directory), or to a heading of a Markdown file. */
export function brokenLinks(root: string, doc: DocFile): string[] {
  // Links inside inline code are examples, not links.
  const { prose } = split(doc.text);
  const problems: string[] = [];
  for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [file = '', anchor] = target.split('#');
    const path = file === '' ? join(root, doc.path) : resolve(root, dirname(doc.path), decodeURI(file));
    const where = `${doc.path}: (${target})`;
    if (!path.startsWith(root) || !existsSync(path)) {
      problems.push(`${where} names ${relative(root, path) || file}, which does not exist`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (!path.endsWith('.md') || statSync(path).isDirectory()) {
      problems.push(`${where} has an anchor on a file that is not Markdown`);
    } else if (!anchorsOf(readFileSync(path, 'utf8')).has(anchor)) {
      problems.push(`${where}: ${relative(root, path)} has no heading #${anchor}`);
    }
  }
  return problems;
}

/** `npm run <script>`, `npm start`, `npm test` named in code; `npm run hr-sync -- x` counts as `hr-sync x`. */
export function npmScriptsNamed(doc: DocFile): string[] {
  const names = new Set<string>();
  for (const code of split(doc.text).code) {
    for (const match of code.matchAll(/\bnpm\s+run\s+(?:--silent\s+)?([a-z][\w:.-]*)/g))
      names.add(match[1] ?? '');
    for (const match of code.matchAll(/\bnpm\s+(start|test)\b/g)) names.add(match[1] ?? '');
  }
  return [...names];
}

/** `[command, subcommand?]` for each `hr-sync <word> [<word>]` (or `npm run hr-sync -- …`) named in code. */
export function cliCommandsNamed(doc: DocFile): [string, string | undefined][] {
  const found = new Map<string, [string, string | undefined]>();
  for (const code of split(doc.text).code) {
    const pattern =
      /(?:^|[\s(`'"])(?:npm\s+run\s+(?:--silent\s+)?)?hr-sync\s+(?:--\s+)?([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*)\b(?![.:/=]))?/gm;
    for (const match of code.matchAll(pattern)) {
      const command = match[1] ?? '';
      found.set(`${command} ${match[2] ?? ''}`, [command, match[2]]);
    }
  }
  return [...found.values()];
}

/**
 * The names in the "Commands:" section of a help text (commander's and the hand-written one alike):
 * the first word of each row indented by two spaces, up to the next blank or unindented line.
 */
export function commandsInHelp(help: string): Set<string> {
  const names = new Set<string>();
  let inside = false;
  for (const line of help.split('\n')) {
    if (/^commands:\s*$/i.test(line.trim()) && !/^\s/.test(line)) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.trim() === '' || !/^\s/.test(line)) {
      inside = false;
      continue;
    }
    const name = /^ {2}([a-z][a-z-]*)/.exec(line)?.[1];
    if (name) names.add(name);
  }
  return names;
}

/** README.md, infra/README.md and every Markdown file under docs/, relative to the repository root. */
export function documentationFiles(root: string): DocFile[] {
  const paths = ['README.md', 'infra/README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) paths.push(path);
    }
  };
  walk('docs');
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
