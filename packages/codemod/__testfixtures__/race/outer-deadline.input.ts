// A caller's deadline aborts `signal` with a TimeoutError of its own: that one passes through,
// only this race's timer becomes its error.
declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string, signal: AbortSignal): Promise<string> {
  return Promise.race([
    generate(prompt, signal),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('model timed out')), 5000)),
  ]);
}
