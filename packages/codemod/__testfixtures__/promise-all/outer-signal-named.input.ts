// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
declare function fetchPage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function crawl(a: string, b: string, signal: AbortSignal) {
  return Promise.all([fetchPage(a, { signal }), fetchPage(b, { signal })]);
}
