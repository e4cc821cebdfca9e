// Where a signal is in scope, the new taskscope call is given it, so cancelling
// the caller's work stops every task; each task passes on its own signal.
import { all, map } from 'taskscope';

declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadAll(ids: string[], options: { signal?: AbortSignal } = {}) {
  const [first, second] = await all([
    (signal) => embed('a', signal),
    (signal) => embed('b', signal),
  ], { signal: options.signal });
  const rest = await map(
    ids,
    (id, signal) => embed(id, signal),
    { concurrency: 8, signal: options.signal },
  );
  return [first, second, ...rest];
}
