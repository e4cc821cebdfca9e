// Where a signal is in scope, the new taskscope call is given it, so cancelling
// the caller's work stops every task; each task passes on its own signal.
declare function embed(id: string, signal?: AbortSignal): Promise<string>;

export async function loadAll(ids: string[], options: { signal?: AbortSignal } = {}) {
  const [first, second] = await Promise.all([embed('a'), embed('b')]);
  const rest = await Promise.all(ids.map((id) => embed(id)));
  return [first, second, ...rest];
}
