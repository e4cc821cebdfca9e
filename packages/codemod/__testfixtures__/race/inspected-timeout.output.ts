import { TimeoutError, withTimeout } from 'taskscope';

declare function charge(card: string, signal?: AbortSignal): Promise<string>;

export async function pay(card: string) {
  try {
    return await withTimeout(10_000, (signal) => charge(card, signal)).catch((error: unknown) => {
      throw error instanceof TimeoutError ? new Error('gateway timeout') : error;
    });
  } catch (error) {
    if (error instanceof Error && error.message === 'gateway timeout') return 'retry-later';
    throw error;
  }
}
