// The signals this library creates (one per scope, one per spawned task) are registered here with
// their effective deadline and the listeners linked to them. Linking to one of them adds no DOM
// event listener: `abort()` below calls the linked listeners itself. So a fan-out of nested scopes,
// sleeps and limiter waits under one scope never trips Node's MaxListenersExceededWarning, and a
// nested scope inherits its parent's deadline. Foreign signals get a plain listener, removed again
// by `unlink`.

interface Owned {
  deadline: number;
  listeners?: Set<() => void>;
}

const owned = new WeakMap<AbortSignal, Owned>();

/** Registers a signal created here, with the deadline it is bound by (Infinity for none). */
export function own(signal: AbortSignal, deadline: number): void {
  owned.set(signal, { deadline });
}

/** The deadline inherited from `signal` (Infinity when it has none or is not ours). */
export function deadlineOf(signal: AbortSignal | undefined): number {
  return (signal && owned.get(signal)?.deadline) ?? Infinity;
}

/** Aborts a controller created here and calls what is linked to its signal. */
export function abort(controller: AbortController, reason: unknown): void {
  const { signal } = controller;
  if (signal.aborted) return;
  controller.abort(reason);
  const listeners = owned.get(signal)?.listeners;
  if (listeners) for (const listener of listeners) listener();
}

/** Calls `listener` once when `signal` aborts. Callers must `unlink` it when done. */
export function link(signal: AbortSignal, listener: () => void): void {
  const entry = owned.get(signal);
  if (entry) (entry.listeners ??= new Set()).add(listener);
  else signal.addEventListener('abort', listener);
}

export function unlink(signal: AbortSignal, listener: () => void): void {
  const entry = owned.get(signal);
  if (entry) entry.listeners?.delete(listener);
  else signal.removeEventListener('abort', listener);
}
