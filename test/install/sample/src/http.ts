// A small JSON client over fetch. Every call takes the caller's AbortSignal,
// and reads are retried, so a flaky network costs latency, not a failed page.
import { retry } from 'taskscope';

export interface RequestOptions {
  signal?: AbortSignal;
}

export const API = 'https://billing.example.com/api';

export function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return retry(
    async (signal) => {
      const response = await fetch(`${API}${path}`, { signal });
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
      return (await response.json()) as T;
    },
    { attempts: 3, signal: options.signal },
  );
}

export async function postJson(path: string, body: unknown, options: RequestOptions = {}): Promise<void> {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: options.signal,
  });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status}`);
}
