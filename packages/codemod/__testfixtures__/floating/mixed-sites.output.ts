// One floating call takes a signal and is spawned; the other takes none and gets a marker, inside
// the scope the function now is.
import { scope } from 'taskscope';

declare function warmCache(key: string, signal?: AbortSignal): Promise<void>;
declare function sendMetric(name: string): Promise<void>;
declare function compute(key: string): Promise<number>;

export async function handle(key: string) {
  return scope(async (s) => {
    s.spawn((signal) => warmCache(key, signal));
    const result = await compute(key);
    /* taskscope-migrate: floating promise: it takes no AbortSignal, so a scope could only wait
       for it; await it, or .catch(report) */
    sendMetric('handled');
    return result;
  });
}
