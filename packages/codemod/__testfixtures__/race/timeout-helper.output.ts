import { withTimeout } from 'taskscope';

declare function lookup(host: string, signal?: AbortSignal): Promise<string[]>;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms));
}

export async function resolveHost(host: string, budget: number) {
  const addresses = await withTimeout(budget, (signal) => lookup(host, signal));
  return addresses[0];
}
