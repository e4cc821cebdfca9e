import { map, scope, TimeoutError, withTimeout } from 'taskscope';

declare function crawlPage(url: string, signal?: AbortSignal): Promise<string>;
declare function summarize(text: string, options?: { signal?: AbortSignal }): Promise<string>;
declare function audit(event: string, signal?: AbortSignal): Promise<void>;

export async function digest(urls: string[], signal: AbortSignal) {
  return scope(async (s) => {
    s.spawn((taskSignal) => audit('digest', taskSignal));
    const pages = await map(
      urls,
      (url, taskSignal) => crawlPage(url, taskSignal),
      { concurrency: 8, signal },
    );
    const summary = await withTimeout(
      2000,
      (taskSignal) => summarize(pages.join('\n'), { signal: taskSignal }),
      { signal: s.signal },
    ).catch((error: unknown) => {
      throw error instanceof TimeoutError && !s.signal.aborted ? new Error('too slow') : error;
    });
    await map(pages, async (page, taskSignal) => {
      await summarize(page, { signal: taskSignal });
    }, { signal });
    const response = await fetch('/digest', { method: 'POST', body: summary, signal });
    return response.ok;
  }, { signal });
}
