// The signal in scope may be null; the callee takes `AbortSignal | undefined`: it gets `?? undefined`.
declare function fetchJson(url: string, options?: { signal?: AbortSignal }): Promise<unknown>;

export async function load(url: string, opts: { signal: AbortSignal | null }) {
  return fetchJson(url, { signal: opts.signal ?? undefined });
}
