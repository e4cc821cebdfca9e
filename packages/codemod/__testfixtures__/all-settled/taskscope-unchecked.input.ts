import { allSettled } from 'taskscope';

declare function purge(key: string, signal: AbortSignal): Promise<void>;

export async function purgeAll(keys: string[]) {
  // Already taskscope, but nobody reads the rejections: only a marker.
  await allSettled(keys.map((key) => (signal: AbortSignal) => purge(key, signal)));
}
