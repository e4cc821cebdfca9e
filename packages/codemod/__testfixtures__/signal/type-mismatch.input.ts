declare function strictCall(url: string, options?: { signal: AbortSignal }): Promise<void>;

// The signal may be undefined but the callee wants one: a human decides.
export async function maybe(url: string, signal?: AbortSignal) {
  await strictCall(url);
}
