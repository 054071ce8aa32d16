import { runHrSync } from './program.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// On Node 20 the AWS SDK prints a nine-line notice that its 2027 releases need Node 22 before any
// command's output (@aws-sdk/core, emitWarningIfUnsupportedVersion). Set the variable to false to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The process entry of `hr-sync` (hr-sync.mjs runs it): everything else is in program.ts.
process.exitCode = await runHrSync(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin,
  env: process.env,
  cwd: process.cwd(),
  progressStream: process.stderr,
});
