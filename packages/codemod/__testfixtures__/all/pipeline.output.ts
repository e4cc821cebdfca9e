import { map, scope, withTimeout } from 'taskscope';

declare function fetchPage(url: string, signal?: AbortSignal): Promise<string>;
declare function summarize(text: string, options?: { signal?: AbortSignal }): Promise<string>;
declare function audit(event: string): Promise<void>;

export async function digest(urls: string[], signal: AbortSignal) {
  return scope(async (s) => {
    s.spawn(() => audit('digest'));
    const pages = await map(urls, (url, signal) => fetchPage(url, signal), { signal });
    const summary = await withTimeout(2000, (signal) => summarize(pages.join('\n'), { signal }), { signal: s.signal });
    await map(pages, async (page, signal) => {
      await summarize(page, { signal });
    }, { signal });
    return fetch('/digest', { method: 'POST', body: summary, signal });
  }, { signal });
}
