import { readFileSync, statSync } from 'node:fs';

export interface BundleSize {
  bytes: number;
  /** The 10 largest packages (`(our code)` for lambda/) by bytes in the minified output. */
  packages: { name: string; bytes: number }[];
  /** The 10 largest input modules by bytes in the minified output. */
  modules: { path: string; bytes: number }[];
}

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/** What the minified bundle weighs, and what in it weighs most (esbuild's metafile). */
export function bundleSize(bundle: string, metafile: string): BundleSize {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
  const byPackage = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const path = input.replace(/^(\.\.\/)+/, '').replace(/^.*?node_modules\//, 'node_modules/');
      byModule.set(path, (byModule.get(path) ?? 0) + bytesInOutput);
      const name = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '(our code)';
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return {
    bytes: statSync(bundle).size,
    packages: top(byPackage).map(([name, bytes]) => ({ name, bytes })),
    modules: top(byModule).map(([path, bytes]) => ({ path, bytes })),
  };
}
