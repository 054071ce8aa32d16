// One cold start in a fresh process, with the SDK's transport answered in-process (transport-stub.mjs):
// the time from before the handler's import to the end of its first invocation. Ours takes one signed
// delivery; a baseline's handler makes its SDK calls once. Printed as one marked line, since the
// handler's own logs share stdout.
import { stubTransport } from './transport-stub.mjs';

const { module, event, secrets } = JSON.parse(process.env.FIRST_DELIVERY ?? '{}');
stubTransport(secrets);
const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };
const start = performance.now();
const { handler } = await import(module);
let status;
try {
  const answer = await handler(event, context);
  status = answer?.statusCode ?? 'ok';
} catch (error) {
  status = `threw ${error?.name ?? error}`;
}
const ms = performance.now() - start;
process.stdout.write(`\nFIRST-DELIVERY ${JSON.stringify({ ms, status })}\n`);
