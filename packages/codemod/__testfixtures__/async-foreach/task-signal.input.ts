// Each iteration gets its own task signal, passed to the calls that take one; a call that
// passes the signal in scope gets the iteration's instead (map is given the one in scope).
declare function put(key: string, options?: { signal?: AbortSignal }): Promise<void>;
declare function audit(key: string, signal?: AbortSignal): Promise<void>;

export async function archive(keys: string[], signal: AbortSignal) {
  keys.forEach(async (key) => {
    await put(key);
    await audit(key, signal);
  });
}
