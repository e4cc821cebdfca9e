declare function log(line: string, signal?: AbortSignal): Promise<void>;
declare function fetchOrder(id: string, signal: AbortSignal): Promise<object>;

export async function order(id: string, signal: AbortSignal) {
  log("order " + id);
  return fetchOrder(id, signal);
}
