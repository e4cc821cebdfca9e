import { scope } from 'taskscope';

declare function warmCache(key: string): Promise<void>;
declare function sendMetric(name: string): Promise<void>;
declare function compute(key: string): Promise<number>;

export async function handle(key: string) {
  return scope(async (s) => {
    s.spawn(() => warmCache(key));
    const result = await compute(key);
    s.spawn(() => sendMetric('handled'));
    return result;
  });
}
