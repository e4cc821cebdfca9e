import { map, scope, TimeoutError, withTimeout } from 'taskscope';

declare function fetchPage(url: string, signal?: AbortSignal): Promise<string>;
declare function summarize(text: string, options?: { signal?: AbortSignal }): Promise<string>;
declare function audit(event: string, signal?: AbortSignal): Promise<void>;

export async function digest(urls: string[], signal: AbortSignal) {
  return scope(async (s) => {
    s.spawn((signal) => audit('digest', signal));
    const pages = await map(urls, (url, signal) => fetchPage(url, signal), { concurrency: 8, signal });
    const summary = await withTimeout(2000, (signal) => summarize(pages.join('\n'), { signal }), { signal: s.signal }).catch((error: unknown) => {
      throw error instanceof TimeoutError && !s.signal.aborted ? new Error('too slow') : error;
    });
    await map(pages, async (page, signal) => {
      await summarize(page, { signal });
    }, { signal });
    const response = await fetch('/digest', { method: 'POST', body: summary, signal });
    return response.ok;
  }, { signal });
}
