import { allSettled } from 'taskscope';

declare function sync(shard: number): Promise<void>;

export async function syncAll() {
  const results = await allSettled([(signal) => sync(1), (signal) => sync(2)]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('shard failed', result.reason);
  }
}
