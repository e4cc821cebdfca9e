// Cleanup in `finally` and `catch` runs because the work is ending, often because it was cancelled:
// handing it the signal would cancel the cleanup too. Left as it is.
declare function acquire(id: string, signal?: AbortSignal): Promise<void>;
declare function release(id: string, signal?: AbortSignal): Promise<void>;
declare function rollback(id: string, signal?: AbortSignal): Promise<void>;

export async function withLock(id: string, signal: AbortSignal) {
  try {
    await acquire(id, signal);
  } catch (error) {
    await rollback(id);
    throw error;
  } finally {
    await release(id);
  }
}
