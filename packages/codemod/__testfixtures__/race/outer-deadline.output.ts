// A caller's deadline aborts `signal` with a TimeoutError of its own: that one passes through,
// only this race's timer becomes its error.
import { TimeoutError, withTimeout } from 'taskscope';

declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string, signal: AbortSignal): Promise<string> {
  return withTimeout(
    5000,
    (taskSignal) => generate(prompt, taskSignal),
    { signal },
  ).catch((error: unknown) => {
    throw error instanceof TimeoutError && !signal.aborted ? new Error('model timed out') : error;
  });
}
