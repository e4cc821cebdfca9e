// A fan-out that floats: promise-all rewrites the call, then the floating transform judges what it
// became, with no marker left from the code that is gone.
declare function prefetch(id: string, signal?: AbortSignal): Promise<void>;
declare function save(id: string, signal?: AbortSignal): Promise<void>;

export async function warm(ids: string[]) {
  Promise.all(ids.map((id) => prefetch(id)));
  await save('x');
}
