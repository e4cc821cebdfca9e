// Races whose losers keep running: fetches nobody aborts, timers nobody clears.
async function loadQuote(symbol: string, signal?: AbortSignal): Promise<number> {
  const response = await fetch(`https://quotes.example.com/${symbol}`, { signal });
  return Number(await response.text());
}

export function withDeadline(symbol: string, ms: number): Promise<number> {
  return Promise.race([
    loadQuote(symbol),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms}ms`)), ms)),
  ]);
}

export async function fastestMirror(urls: readonly string[]): Promise<Response> {
  return Promise.race(urls.map((url) => fetch(url)));
}

export async function firstQuote(a: string, b: string): Promise<number> {
  const winner = await Promise.race([loadQuote(a), loadQuote(b)]);
  return winner;
}
