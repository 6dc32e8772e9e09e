/**
 * Bounded parallelism for the kubectl side of `npm run bench:fleet`: the same shape as the fleet
 * runner's (`deployFleet`), `parallel` workers pulling items from one queue, so a slow app never holds
 * the others back and at most `parallel` run at once.
 */

/**
 * Runs `work` on every item, at most `parallel` at a time, starting each as soon as a worker is free.
 * A rejected item does not stop the others: it is reported as `{ ok: false, error }`.
 * @returns one settled result per item, in the items' order
 */
export async function runPool<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
  onSettled?: (result: PoolResult<T, R>, done: number) => void,
): Promise<PoolResult<T, R>[]> {
  const results: PoolResult<T, R>[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      let result: PoolResult<T, R>;
      try {
        result = { item, ok: true, value: await work(item) };
      } catch (error) {
        result = { item, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      results[index] = result;
      onSettled?.(result, ++done);
    }
  };
  const workers = Math.max(1, Math.min(parallel, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** How one item ended. */
export type PoolResult<T, R> =
  { readonly item: T; readonly ok: true; readonly value: R } | { readonly item: T; readonly ok: false; readonly error: string };
