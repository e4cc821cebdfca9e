declare function read(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await Promise.all([read(prefix + a), read(prefix + b)]);
  return values.join("");
}
