import { runHrSync } from './program.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The process entry of `hr-sync` (hr-sync.mjs runs it): everything else is in program.ts.
process.exitCode = await runHrSync(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin,
  env: process.env,
  cwd: process.cwd(),
  progressStream: process.stderr,
});
