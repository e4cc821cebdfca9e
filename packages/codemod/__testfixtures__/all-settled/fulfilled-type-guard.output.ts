import { allSettled } from 'taskscope';

declare function price(sku: string, signal?: AbortSignal): Promise<number>;

export async function prices(skus: string[]) {
  /* taskscope-migrate: allSettled results are never checked for rejections */
  const results = await allSettled(skus.map((sku) => (signal: AbortSignal) => price(sku, signal)));
  // The usual TypeScript idiom for "fulfilled only": rejections still vanish.
  return results.filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled').map((r) => r.value);
}
