import { scope } from 'taskscope';

declare function warmCache(key: string, signal?: AbortSignal): Promise<void>;
declare function sendMetric(name: string, signal?: AbortSignal): Promise<void>;
declare function compute(key: string): Promise<number>;

export async function handle(key: string) {
  return scope(async (s) => {
    s.spawn((signal) => warmCache(key, signal));
    const result = await compute(key);
    s.spawn((signal) => sendMetric('handled', signal));
    return result;
  });
}
