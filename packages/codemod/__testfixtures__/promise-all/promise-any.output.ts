import { any } from 'taskscope';

declare function complete(model: string, prompt: string, signal?: AbortSignal): Promise<string>;

// A hedged model call: the first answer wins, and the slower model keeps generating (and billing) unless it is aborted.
export function answer(prompt: string): Promise<string> {
  return any([
    (signal) => complete('small', prompt, signal),
    (signal) => complete('large', prompt, signal),
  ]);
}
