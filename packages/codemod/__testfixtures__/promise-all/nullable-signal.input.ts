// A signal in scope that may be null is handed to the new call as `?? undefined`, as
// require-signal-propagation passes it: taskscope's options take `AbortSignal | undefined`.
declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadPair(a: string, b: string, opts: { signal: AbortSignal | null }) {
  return Promise.all([embed(a), embed(b)]);
}
