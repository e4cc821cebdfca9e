import { scope } from "taskscope";

declare function log(line: string, signal?: AbortSignal): Promise<void>;
declare function fetchOrder(id: string, signal: AbortSignal): Promise<object>;

export async function order(id: string, signal: AbortSignal) {
  return scope(async (s) => {
    s.spawn((taskSignal) => log("order " + id, taskSignal));
    return fetchOrder(id, signal);
  }, { signal });
}
