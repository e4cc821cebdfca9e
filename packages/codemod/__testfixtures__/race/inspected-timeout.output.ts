import { race } from 'taskscope';

declare function charge(card: string, signal?: AbortSignal): Promise<string>;

export async function pay(card: string) {
  try {
    /* taskscope-migrate: the timeout error is inspected; withTimeout() rejects with taskscope TimeoutError instead */
    return await race([
      (signal) => charge(card, signal),
      (signal) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('gateway timeout')), 10_000)),
    ]);
  } catch (error) {
    if (error instanceof Error && error.message === 'gateway timeout') return 'retry-later';
    throw error;
  }
}
