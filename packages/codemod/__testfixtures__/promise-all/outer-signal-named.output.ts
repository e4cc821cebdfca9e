// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
import { all } from 'taskscope';

declare function crawlPage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function crawl(a: string, b: string, signal: AbortSignal) {
  return all([
    (taskSignal) => crawlPage(a, { signal: taskSignal }),
    (taskSignal) => crawlPage(b, { signal: taskSignal }),
  ], { signal });
}
