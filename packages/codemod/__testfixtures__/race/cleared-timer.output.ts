import { withTimeout } from 'taskscope';

declare function render(page: string): Promise<string>;

export async function renderWithin(page: string, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await withTimeout(ms, (signal) => render(page));
  } finally {
    clearTimeout(timer);
  }
}
