import { scope } from "taskscope";

declare function log(line: string): Promise<void>;
declare function fetchOrder(id: string, signal: AbortSignal): Promise<object>;

export async function order(id: string, signal: AbortSignal) {
  return scope(async (s) => {
    s.spawn(() => log("order " + id));
    return fetchOrder(id, signal);
  }, { signal });
}
