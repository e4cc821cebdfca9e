import { withTimeout } from 'taskscope';

declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string): Promise<string> {
  // The model gets five seconds.
  return withTimeout(5000, (signal) => generate(prompt, signal));
}
