// Cancellation that already works is left as it settles. `pages`' tasks read the signal and end
// with `undefined` when it aborts: a taskscope call linked to it would reject instead, so a marker.
// `crawl` handles the abort around the call, where the rewrite's rejection still lands.
import { map } from 'taskscope';

declare function crawlPage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function pages(urls: string[], signal: AbortSignal): Promise<(string | undefined)[]> {
  /* taskscope-migrate: Promise.all: the tasks read signal and settle their own way when it
     aborts, which a taskscope call would turn into a rejection; to stop the siblings on a
     failure, abort a controller linked to signal by hand */
  return Promise.all(
    urls.map(async (url) => {
      try {
        return await crawlPage(url, { signal });
      } catch (error) {
        if (signal.aborted) return undefined;
        throw error;
      }
    }),
  );
}

export async function crawl(urls: string[], signal: AbortSignal): Promise<string[]> {
  try {
    return await map(
      urls,
      (url, taskSignal) => crawlPage(url, { signal: taskSignal }),
      { concurrency: 8, signal },
    );
  } catch (error) {
    if (signal.aborted) return [];
    throw error;
  }
}
