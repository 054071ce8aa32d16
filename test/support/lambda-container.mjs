// One Lambda execution environment for a bundled handler, run in a worker thread: module scope (the
// caches, the SDK clients) stays warm between invocations, one invocation runs at a time, and the
// test terminates the thread to play a timeout, exactly as Lambda discards a timed-out environment.
import { parentPort, workerData } from 'node:worker_threads';

const { handler } = await import(workerData.bundle);

parentPort.on('message', async ({ id, event, remainingMs }) => {
  const deadline = Date.now() + remainingMs;
  const context = {
    functionName: workerData.functionName,
    awsRequestId: `invocation-${id}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    parentPort.postMessage({ id, result: await handler(event, context) });
  } catch (error) {
    parentPort.postMessage({ id, error: error?.name ?? 'Error' });
  }
});
parentPort.postMessage({ ready: true });
