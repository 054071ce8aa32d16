import { readFileSync } from 'node:fs';

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/**
 * The AWS SDK commands a bundle carries, as `client-sqs/SendMessageBatchCommand`, read from esbuild's
 * metafile: what a cold-init baseline must import for its ratio to measure our code alone.
 */
export function sdkCommands(metafile: string): string[] {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
  const commands = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const match = input.match(/@aws-sdk\/(client-[a-z0-9-]+)\/dist-es\/commands\/(\w+Command)\.js$/);
      if (match) commands.add(`${match[1]}/${match[2]}`);
    }
  }
  return [...commands].sort();
}

/** Fails the bench when a baseline no longer imports exactly the SDK commands its function bundles. */
export function assertSameCommands(name: string, ours: string, baseline: string): void {
  const want = sdkCommands(ours);
  const have = sdkCommands(baseline);
  const missing = want.filter((command) => !have.includes(command));
  const extra = have.filter((command) => !want.includes(command));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `bench/baseline/${name}.ts must import the AWS SDK commands the ${name} bundles: ` +
        `missing [${missing.join(', ')}], extra [${extra.join(', ')}]`,
    );
  }
}
