// The signal in scope may be absent: the check of an outer deadline must not read it unguarded.
import { TimeoutError, withTimeout } from 'taskscope';

declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string, signal?: AbortSignal): Promise<string> {
  return withTimeout(
    5000,
    (taskSignal) => generate(prompt, taskSignal),
    { signal },
  ).catch((error: unknown) => {
    throw error instanceof TimeoutError && !signal?.aborted ? new Error('model timed out') : error;
  });
}
