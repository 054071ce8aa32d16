/** One line on stderr, redrawn in place: `[########............] 120/400`. Silent when not a terminal. */
export interface Progress {
  /** `total` replaces the first estimate: a move task knows its own count only once it runs. */
  update(done: number, total?: number): void;
  done(): void;
}

const WIDTH = 30;

export function createProgress(
  estimate: number,
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let drawn = false;
  return {
    update(done, total = estimate) {
      if (total <= 0) return;
      const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
