/**
 * Like Promise.all, but waits for every promise before rejecting with the
 * first failure: a failed repository leaves no request running after its
 * sync has returned.
 */
export async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return results.map(r => (r as PromiseFulfilledResult<T>).value);
}

/** At most this many HEADs (or index reads) of one run at a time. */
export const HEAD_CONCURRENCY = 8;
