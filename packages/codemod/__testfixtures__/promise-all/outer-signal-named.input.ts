// As outer-signal, with the caller's signal in a variable named `signal`, the usual name.
declare function summarizePage(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function summarizeBoth(a: string, b: string, signal: AbortSignal) {
  return Promise.all([summarizePage(a, { signal }), summarizePage(b, { signal })]);
}
