/**
 * Heymarket refuses a whole `users/update` call with 400 `bad_data` when one entry is bad
 * (https://developers.heymarket.com), so one bad user would take every other user of the call down.
 * A refused call is split in halves, recursively, until each refused entry stands alone: every other
 * entry is sent again and applied. Each refused entry costs at most 2·⌈log2 n⌉ calls beyond the first
 * (two per level of halving), and a call of n entries never more than 2n − 1 in all.
 *
 * `send` makes one call and answers the refusal when the call was refused as a whole, else undefined
 * (it records every other outcome itself).
 */
export async function isolateRejected<T, R>(
  items: readonly T[],
  send: (items: readonly T[]) => Promise<R | undefined>,
): Promise<{ rejected: { item: T; refusal: R }[]; calls: number }> {
  const rejected: { item: T; refusal: R }[] = [];
  let calls = 0;
  const visit = async (part: readonly T[]): Promise<void> => {
    calls += 1;
    const refusal = await send(part);
    if (refusal === undefined) return;
    const [only] = part;
    if (part.length === 1 && only !== undefined) {
      rejected.push({ item: only, refusal });
      return;
    }
    // One half after the other: each call goes through the caller's rate budget and deadline.
    const middle = Math.ceil(part.length / 2);
    await visit(part.slice(0, middle));
    await visit(part.slice(middle));
  };
  if (items.length > 0) await visit(items);
  return { rejected, calls };
}
