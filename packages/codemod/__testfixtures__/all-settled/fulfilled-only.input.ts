declare function price(sku: string, signal?: AbortSignal): Promise<number>;

export async function prices(skus: string[]) {
  const results = await Promise.allSettled(skus.map((sku) => price(sku)));
  // Rejections vanish here: only the fulfilled entries are kept.
  return results.filter((r) => r.status === 'fulfilled');
}
