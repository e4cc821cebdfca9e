// Rewrites keep the code readable: a map call moves up to the line the
// Promise.all call started on, and a one-line array the thunks make too long
// gets one task per line. A multi-line string keeps its text.
import { all, map } from 'taskscope';

declare function searchNews(query: string, options?: { signal?: AbortSignal }): Promise<string[]>;
declare function predictQuote(ticker: string, options?: { signal?: AbortSignal }): Promise<number>;
declare function summarize(text: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function sources(company: string, ticker: string) {
  const [news, quote] = await all([
    (signal) => searchNews(company, { signal }),
    (signal) => predictQuote(ticker, { signal }),
  ]);
  return { news, quote };
}

export async function summaries(texts: string[]) {
  return map(texts, async (text, signal) => {
    const prompt = `Summarize:
    ${text}`;
    return summarize(prompt, { signal });
  }, { concurrency: 8 });
}
