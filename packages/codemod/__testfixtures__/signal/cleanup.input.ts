// Cleanup in `finally` (and the callbacks it runs) runs because the work is ending, often because it
// was cancelled: handing it the signal would cancel the cleanup too. Left as it is. A `catch` block
// that rethrows undoes and passes the failure on: cleanup too. One that doesn't rethrow holds a
// fallback, which is real work: it gets the signal like any other code.
declare function acquire(id: string, signal?: AbortSignal): Promise<void>;
declare function release(id: string, signal?: AbortSignal): Promise<void>;
declare function rollback(id: string, signal?: AbortSignal): Promise<void>;
declare function loadFromReplica(id: string, signal?: AbortSignal): Promise<void>;

export async function withLock(ids: string[], signal: AbortSignal) {
  try {
    for (const id of ids) await acquire(id, signal);
  } catch (error) {
    console.error(error);
    for (const id of ids) await loadFromReplica(id);
  } finally {
    await Promise.allSettled(ids.map((id) => release(id)));
  }
}

export async function reserve(id: string, signal: AbortSignal) {
  try {
    await acquire(id, signal);
  } catch (error) {
    await rollback(id);
    throw error;
  }
}
