// A fan-out that floats: promise-all rewrites the call, then the floating transform judges what it
// became, with no marker left from the code that is gone.
import { map, scope } from 'taskscope';

declare function prefetch(id: string, signal?: AbortSignal): Promise<void>;
declare function save(id: string, signal?: AbortSignal): Promise<void>;

export async function warm(ids: string[]) {
  return scope(async (s) => {
    s.spawn((taskSignal) => map(ids, (id, signal) => prefetch(id, signal), { concurrency: 8, signal: taskSignal }));
    await save('x', s.signal);
  });
}
