import { allSettled } from 'taskscope';

declare function price(sku: string, signal?: AbortSignal): Promise<number>;

export async function prices(skus: string[]) {
  /* taskscope-migrate: allSettled results are never checked for rejections */
  const results = await allSettled(skus.map((sku) => (signal: AbortSignal) => price(sku, signal)));
  // Rejections vanish here: only the fulfilled entries are kept.
  return results.filter((r) => r.status === 'fulfilled');
}
