declare function charge(card: string, signal?: AbortSignal): Promise<string>;

export async function pay(card: string) {
  try {
    return await Promise.race([
      charge(card),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('gateway timeout')), 10_000)),
    ]);
  } catch (error) {
    if (error instanceof Error && error.message === 'gateway timeout') return 'retry-later';
    throw error;
  }
}
