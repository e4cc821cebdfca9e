// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
declare function crawlPage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function crawl(a: string, b: string, signal: AbortSignal) {
  return Promise.all([crawlPage(a, { signal }), crawlPage(b, { signal })]);
}
