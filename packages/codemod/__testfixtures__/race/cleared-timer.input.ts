declare function render(page: string, signal?: AbortSignal): Promise<string>;

export async function renderWithin(page: string, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      render(page),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('render timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
