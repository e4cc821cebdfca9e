// The results are examined, and no task's work takes an AbortSignal: a taskscope allSettled would
// cancel nothing, so the call stays as it is.
declare function sync(shard: number): Promise<void>;

export async function syncAll() {
  const results = await Promise.allSettled([sync(1), sync(2)]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('shard failed', result.reason);
  }
}
