import { allSettled } from 'taskscope';

declare function sync(shard: number, signal?: AbortSignal): Promise<void>;

export async function syncAll() {
  const results = await allSettled([
    (signal) => sync(1, signal),
    (signal) => sync(2, signal),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('shard failed', result.reason);
  }
}
