import { all } from "taskscope";

declare function read(key: string): Promise<string>;

const prefix = "cache:";

export async function pair(a: string, b: string) {
  const values = await all([(signal) => read(prefix + a), (signal) => read(prefix + b)]);
  return values.join("");
}
