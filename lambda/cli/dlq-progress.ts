/** One line on stderr, redrawn in place: `[########............] 120/400`. Silent when not a terminal. */
export interface Progress {
  update(done: number): void;
  done(): void;
}

const WIDTH = 30;

export function createProgress(
  total: number,
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): Progress {
  if (!stream.isTTY || total <= 0) return { update() {}, done() {} };
  let drawn = false;
  return {
    update(done) {
      const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
