// The signal in scope may be absent: the check of an outer deadline must not read it unguarded.
declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string, signal?: AbortSignal): Promise<string> {
  return Promise.race([
    generate(prompt, signal),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('model timed out')), 5000)),
  ]);
}
