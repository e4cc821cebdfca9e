declare function generate(prompt: string, signal?: AbortSignal): Promise<string>;

export async function answer(prompt: string): Promise<string> {
  // The model gets five seconds.
  return Promise.race([
    generate(prompt),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('model timed out')), 5000)),
  ]);
}
