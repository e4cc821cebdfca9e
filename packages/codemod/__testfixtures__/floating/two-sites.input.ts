declare function warmCache(key: string, signal?: AbortSignal): Promise<void>;
declare function sendMetric(name: string, signal?: AbortSignal): Promise<void>;
declare function compute(key: string): Promise<number>;

export async function handle(key: string) {
  warmCache(key);
  const result = await compute(key);
  sendMetric('handled');
  return result;
}
