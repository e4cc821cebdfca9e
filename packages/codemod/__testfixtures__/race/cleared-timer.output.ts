import { TimeoutError, withTimeout } from 'taskscope';

declare function render(page: string, signal?: AbortSignal): Promise<string>;

export async function renderWithin(page: string, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await withTimeout(ms, (signal) => render(page, signal)).catch((error: unknown) => {
      throw error instanceof TimeoutError ? new Error('render timeout') : error;
    });
  } finally {
    clearTimeout(timer);
  }
}
