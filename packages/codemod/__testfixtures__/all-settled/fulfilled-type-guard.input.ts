declare function price(sku: string, signal?: AbortSignal): Promise<number>;

export async function prices(skus: string[]) {
  const results = await Promise.allSettled(skus.map((sku) => price(sku)));
  // The usual TypeScript idiom for "fulfilled only": rejections still vanish.
  return results.filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled').map((r) => r.value);
}
