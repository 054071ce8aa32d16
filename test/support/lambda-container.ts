import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const SCRIPT = fileURLToPath(new URL('./lambda-container.mjs', import.meta.url));

export type Invocation<R> =
  | { kind: 'result'; result: R }
  | { kind: 'error'; name: string }
  | { kind: 'timeout' };

/**
 * A bundled handler in its own worker thread, as Lambda runs it in an execution environment: an
 * invocation that outlives its time limit is cut off and the environment thrown away (the next
 * invocation starts cold). What the handler logs is handed to `onLog`, line by line.
 */
export class LambdaContainer<E, R> {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #seq = 0;
  coldStarts = 0;
  timeouts = 0;

  constructor(
    private readonly options: {
      bundle: string;
      functionName: string;
      env: Record<string, string>;
      onLog: (line: string) => void;
    },
  ) {}

  async invoke(event: E, remainingMs: number): Promise<Invocation<R>> {
    const worker = await this.#start();
    const id = ++this.#seq;
    return new Promise<Invocation<R>>((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.timeouts += 1;
        void this.#discard();
        resolve({ kind: 'timeout' });
      }, remainingMs);
      const onMessage = (message: { id?: number; result?: R; error?: string }) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(
          message.error
            ? { kind: 'error', name: message.error }
            : { kind: 'result', result: message.result as R },
        );
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, event, remainingMs });
    });
  }

  async close() {
    await this.#discard();
  }

  async #start(): Promise<Worker> {
    if (this.#worker && this.#ready) {
      await this.#ready;
      return this.#worker;
    }
    this.coldStarts += 1;
    const worker = new Worker(SCRIPT, {
      workerData: {
        bundle: pathToFileURL(this.options.bundle).href,
        functionName: this.options.functionName,
      },
      env: this.options.env,
      stdout: true,
      stderr: true,
    });
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.options.onLog(line);
    };
    worker.stdout.on('data', onData);
    worker.stderr.on('data', onData);
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve());
    });
    await this.#ready;
    return worker;
  }

  async #discard() {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    if (worker) await worker.terminate();
  }
}
