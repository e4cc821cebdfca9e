// The promises were started by the caller, who owns their cancellation.
export function firstOf<T>(pending: Promise<T>[]): Promise<T> {
  return Promise.race(pending);
}
