import { allSettled } from 'taskscope';

declare function purge(key: string, signal: AbortSignal): Promise<void>;

export async function purgeAll(keys: string[]) {
  /* taskscope-migrate: allSettled results are never checked for rejections */
  await allSettled(keys.map((key) => (signal: AbortSignal) => purge(key, signal)));
}
