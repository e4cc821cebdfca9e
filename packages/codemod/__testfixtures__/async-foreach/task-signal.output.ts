// Each iteration gets its own task signal, passed to the calls that take one; a call that
// passes the signal in scope gets the iteration's instead (map is given the one in scope).
import { map } from 'taskscope';

declare function put(key: string, options?: { signal?: AbortSignal }): Promise<void>;
declare function audit(key: string, signal?: AbortSignal): Promise<void>;

export async function archive(keys: string[], signal: AbortSignal) {
  await map(keys, async (key, taskSignal) => {
    await put(key, { signal: taskSignal });
    await audit(key, taskSignal);
  }, { signal });
}
