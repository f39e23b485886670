/**
 * Runs `work` for every item with at most `limit` in flight, and waits for all
 * of them. Every item is attempted even when one fails; the first failure is
 * then thrown (so a caller that reports the batch as failed retries all of it,
 * and idempotent work makes that safe).
 */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) {
        try {
          await work(items[i] as T);
        } catch (e) {
          failures.push(e);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}
