import { TimeoutError, withTimeout } from 'taskscope';

declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string): Promise<string> {
  // The model gets five seconds.
  return withTimeout(5000, (signal) => generate(prompt, signal)).catch((error: unknown) => {
    throw error instanceof TimeoutError ? new Error('model timed out') : error;
  });
}
