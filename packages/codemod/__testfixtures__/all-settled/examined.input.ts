declare function sync(shard: number, signal?: AbortSignal): Promise<void>;

export async function syncAll() {
  const results = await Promise.allSettled([sync(1), sync(2)]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('shard failed', result.reason);
  }
}
