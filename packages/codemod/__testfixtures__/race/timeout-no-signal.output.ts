// The work takes no AbortSignal: withTimeout could reject on time but not stop it, and would wait
// for it. A marker, not a rewrite.
declare function render(page: string): Promise<string>;

export async function renderWithin(page: string) {
  /* taskscope-migrate: timeout race: the work takes no AbortSignal, so no timeout can stop it;
     give it one, then use withTimeout */
  return Promise.race([
    render(page),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('render timeout')), 2000)),
  ]);
}
