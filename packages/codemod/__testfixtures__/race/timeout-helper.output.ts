import { TimeoutError, withTimeout } from 'taskscope';

declare function lookup(host: string, signal?: AbortSignal): Promise<string[]>;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('lookup timed out')), ms));
}

export async function resolveHost(host: string, budget: number) {
  const addresses = await withTimeout(
    budget,
    (signal) => lookup(host, signal),
  ).catch((error: unknown) => {
    throw error instanceof TimeoutError ? new Error('lookup timed out') : error;
  });
  return addresses[0];
}
