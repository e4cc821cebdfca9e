declare function strictCall(url: string, options?: { signal: AbortSignal }): Promise<void>;

// The signal may be undefined but the callee wants one: a human decides.
export async function maybe(url: string, signal?: AbortSignal) {
  /* taskscope-migrate: the type of signal does not fit the signal strictCall takes */
  await strictCall(url);
}
