/**
 * The known name that `given` is most likely a slip of: the same letters in another case, or at most
 * `maxEdits` single-character insertions, deletions, substitutions or swaps of two neighbours away
 * (optimal string alignment distance). Undefined when nothing is that close, so unrelated names pass.
 */
export function closestName(given: string, known: readonly string[], maxEdits = 2): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    if (name === given) return undefined;
    const edits = name.toLowerCase() === given.toLowerCase() ? 0 : editDistance(given, name);
    if (edits <= maxEdits && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** Optimal string alignment distance: Levenshtein plus a swap of two adjacent characters as one edit. */
export function editDistance(a: string, b: string): number {
  // d(i, j): edits to turn the first i characters of a into the first j of b, one flat table.
  const width = b.length + 1;
  const table = new Array<number>((a.length + 1) * width).fill(0);
  const d = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      let edits: number;
      if (i === 0 || j === 0) edits = i + j;
      else {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        edits = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          edits = Math.min(edits, d(i - 2, j - 2) + 1);
        }
      }
      table[i * width + j] = edits;
    }
  }
  return d(a.length, b.length);
}
