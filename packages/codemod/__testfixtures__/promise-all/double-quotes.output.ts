import { all } from "taskscope";

declare function read(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await all([
    (signal) => read(prefix + a, signal),
    (signal) => read(prefix + b, signal),
  ]);
  return values.join("");
}
