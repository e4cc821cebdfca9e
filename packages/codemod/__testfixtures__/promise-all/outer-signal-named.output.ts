// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
import { all } from 'taskscope';

declare function fetchPage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function crawl(a: string, b: string, signal: AbortSignal) {
  return all([
    (taskSignal) => fetchPage(a, { signal: taskSignal }),
    (taskSignal) => fetchPage(b, { signal: taskSignal }),
  ], { signal });
}
