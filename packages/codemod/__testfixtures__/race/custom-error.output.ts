// The timer rejects with the app's own error class, which callers check: withTimeout's
// TimeoutError is turned back into it.
import { TimeoutError, withTimeout } from 'taskscope';

declare function charge(card: string, signal?: AbortSignal): Promise<string>;

export class GatewayTimeout extends Error {
  constructor(readonly card: string) {
    super(`gateway timed out charging ${card}`);
  }
}

export async function pay(card: string, ms: number) {
  try {
    return await withTimeout(ms, (signal) => charge(card, signal)).catch((error: unknown) => {
      throw error instanceof TimeoutError ? new GatewayTimeout(card) : error;
    });
  } catch (error) {
    if (error instanceof GatewayTimeout) return 'retry-later';
    throw error;
  }
}
