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
 * The other real failures of the scope that threw `error`, in the order they happened.
 * Nested scopes append to the same list. A thrown value that is not an object (a string,
 * a number) cannot carry this list: its siblings' failures are then dropped.
 */
export function suppressedErrors(error: unknown): readonly unknown[] {
  return (isObject(error) && suppressed.get(error)) || [];
}

/** Records `others` as suppressed by `error` (no-op for primitives). */
export function addSuppressed(error: unknown, others: readonly unknown[]): void {
  if (!isObject(error) || others.length === 0) return;
  const list = suppressed.get(error);
  if (list) list.push(...others.filter((e) => e !== error && !list.includes(e)));
  else suppressed.set(error, others.filter((e) => e !== error));
}

// Cancellation reasons created here, one per cancellation. A scope cancelled with one of them
// rejects with it and lists the real failures of its cleanup under it; the parent scope collects
// them (`cancellationFailures`). A reason supplied by the user may be reused, so its list is not
// collected: it is only read by whoever catches it.
const fresh = new WeakSet<object>();

/** The `AbortError` a scope aborts its signal with when it cancels itself. */
export function abortError(message: string, cause?: unknown): DOMException {
  // DOM's lib types know only `new DOMException(message, name)`; the `{ name, cause }` form is Node's.
  const error = new DOMException(message, 'AbortError');
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  fresh.add(error);
  return error;
}

export function timeoutError(message: string): TimeoutError {
  const error = new TimeoutError(message);
  fresh.add(error);
  return error;
}

/** The real failures listed under a cancellation reason this library created. */
export function cancellationFailures(reason: unknown): readonly unknown[] {
  return isObject(reason) && fresh.has(reason) ? suppressedErrors(reason) : [];
}

/**
 * Whether `error` is only the cancellation of `signal`: its reason itself, or an
 * AbortError/TimeoutError raised once it aborted (fetch and friends throw their own).
 */
export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  if (error === signal.reason) return true;
  const name = isObject(error) ? (error as { name?: unknown }).name : undefined;
  return name === 'AbortError' || name === 'TimeoutError';
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
