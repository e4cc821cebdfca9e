import { all } from "taskscope";

declare function translate(key: string, signal?: AbortSignal): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await all([
    (signal) => translate(prefix + a, signal),
    (signal) => translate(prefix + b, signal),
  ]);
  return values.join("");
}
