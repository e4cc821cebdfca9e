declare function translate(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await Promise.all([translate(prefix + a), translate(prefix + b)]);
  return values.join("");
}
