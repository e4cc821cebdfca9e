import { all } from "taskscope";

declare function summarize(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await all([
    (signal) => summarize(prefix + a, signal),
    (signal) => summarize(prefix + b, signal),
  ]);
  return values.join("");
}
