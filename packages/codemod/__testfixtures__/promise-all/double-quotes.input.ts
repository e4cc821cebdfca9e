declare function summarize(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await Promise.all([summarize(prefix + a), summarize(prefix + b)]);
  return values.join("");
}
