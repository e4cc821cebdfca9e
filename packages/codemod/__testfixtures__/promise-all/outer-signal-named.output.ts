// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
import { all } from 'taskscope';

declare function summarizePage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function summarizeBoth(a: string, b: string, signal: AbortSignal) {
  return all([
    (taskSignal) => summarizePage(a, { signal: taskSignal }),
    (taskSignal) => summarizePage(b, { signal: taskSignal }),
  ], { signal });
}
