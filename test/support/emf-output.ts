import { vi } from 'vitest';

/** One CloudWatch Embedded Metric Format document, as Powertools writes it (one JSON line). */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/**
 * Captures what is written to stdout and stderr from now on (Powertools writes EMF through its own
 * `Console` on `process.stdout`, so `console` spies would miss it). `stop()` restores the streams.
 */
export function captureStdio() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const into = (chunks: string[]) => (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(into(stdout));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(into(stderr));
  return {
    text: () => stdout.join(''),
    errors: () => stderr.join(''),
    /** Every stdout line that is an EMF document. */
    documents: (): EmfDocument[] =>
      stdout
        .join('')
        .split('\n')
        .flatMap((line) => {
          try {
            const parsed = JSON.parse(line) as EmfDocument;
            return parsed?._aws?.CloudWatchMetrics ? [parsed] : [];
          } catch {
            return [];
          }
        }),
    stop: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
