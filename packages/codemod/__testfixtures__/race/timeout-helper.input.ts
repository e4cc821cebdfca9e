declare function lookup(host: string, signal?: AbortSignal): Promise<string[]>;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('lookup timed out')), ms));
}

export async function resolveHost(host: string, budget: number) {
  const addresses = await Promise.race([lookup(host), timeout(budget)]);
  return addresses[0];
}
