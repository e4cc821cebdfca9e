// One floating call takes a signal and is spawned; the other takes none and gets a marker, inside
// the scope the function now is.
declare function warmCache(key: string, signal?: AbortSignal): Promise<void>;
declare function sendMetric(name: string): Promise<void>;
declare function compute(key: string): Promise<number>;

export async function handle(key: string) {
  warmCache(key);
  const result = await compute(key);
  sendMetric('handled');
  return result;
}
