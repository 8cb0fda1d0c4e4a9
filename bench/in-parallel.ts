/** Calls `fn` on every item, at most `limit` calls in flight; rejects with the first failure. */
export async function forEachInParallel<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  // One iterator shared by every lane: each item is taken by exactly one of them.
  const entries = items.entries();
  const lane = async (): Promise<void> => {
    for (const [index, item] of entries) await fn(item, index);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
