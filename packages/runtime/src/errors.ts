/** Rejection of a call whose own `timeout` or `deadline` passed. Its name matches the DOMException of `AbortSignal.timeout()`. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Thrown by `spawn` and `start` on a scope that has already settled. */
export class ScopeClosedError extends Error {
  override name = 'ScopeClosedError';
}

// Kept beside the error instead of on it, so the user's objects are never mutated.
const suppressed = new WeakMap<object, unknown[]>();

/**
 * The other real failures of the scope that threw `error`, in the order they happened, after the
 * cancellation it won over, if any. Nested scopes append to the same list. A thrown value that is
 * not an object (a string, a number) cannot carry this list: its siblings' failures are then dropped.
 */
export function suppressedErrors(error: unknown): readonly unknown[] {
  return suppressed.get(error as object) ?? [];
}

/** Records `others` as suppressed by `error` (no-op for primitives). */
export function addSuppressed(error: unknown, others: readonly unknown[]): void {
  if (Object(error) !== error) return; // a primitive cannot carry the list
  const list = suppressed.get(error as object) ?? [];
  for (const other of others) if (other !== error && !list.includes(other)) list.push(other);
  if (list.length) suppressed.set(error as object, list);
}

/** The `AbortError` a scope or task aborts its signal with when it cancels itself. */
export function abortError(message: string, cause?: unknown): DOMException {
  // DOM's lib types know only `new DOMException(message, name)`; the `{ name, cause }` form is Node's.
  const error = new DOMException(message, 'AbortError');
  Object.defineProperty(error, 'cause', { value: cause });
  return error;
}

/** ' "fetch"' after 'Scope' or 'Task', for a named one: how messages refer to a scope or a task. */
export function quoted(name: string | undefined): string {
  return name === undefined ? '' : ` "${name}"`;
}

/**
 * Whether `error` is only the cancellation of `signal`: its reason itself, or an
 * AbortError/TimeoutError raised once it aborted (fetch and friends throw their own).
 */
export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  if (error === signal.reason) return true;
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
