// A signal in scope that may be null is handed to the new call as `?? undefined`, as
// require-signal-propagation passes it: taskscope's options take `AbortSignal | undefined`.
import { all } from 'taskscope';

declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadPair(a: string, b: string, opts: { signal: AbortSignal | null }) {
  return all(
    [(signal) => embed(a, signal), (signal) => embed(b, signal)],
    { signal: opts.signal ?? undefined },
  );
}
