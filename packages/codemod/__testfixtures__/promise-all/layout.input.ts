// Rewrites keep the code readable: a map call moves up to the line the
// Promise.all call started on, and a one-line array the thunks make too long
// gets one task per line. A multi-line string keeps its text.
declare function searchNews(query: string, options?: { signal?: AbortSignal }): Promise<string[]>;
declare function predictQuote(ticker: string, options?: { signal?: AbortSignal }): Promise<number>;
declare function summarize(text: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function sources(company: string, ticker: string) {
  const [news, quote] = await Promise.all([searchNews(company), predictQuote(ticker)]);
  return { news, quote };
}

export async function summaries(texts: string[]) {
  return Promise.all(
    texts.map(async (text) => {
      const prompt = `Summarize:
    ${text}`;
      return summarize(prompt);
    }),
  );
}
