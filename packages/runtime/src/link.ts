// The signals this library creates (one per scope, one per spawned task) are registered here while
// their owner runs, with their effective deadline and the listeners linked to them. Linking to one
// of them adds no DOM event listener: the owner calls the linked listeners itself (`abort`). So a
// fan-out of nested scopes, sleeps and limiter waits under one scope never trips Node's
// MaxListenersExceededWarning, and a nested scope inherits its parent's deadline. Other signals get
// a plain listener, removed again by `unlink`.
//
// The registry is a Map emptied as each owner settles (`disown`), not a WeakMap: in V8 a WeakMap
// entry costs microseconds of garbage-collector work, more than all the rest of a small `all()`.

/** What is known about a signal created here: a scope (its Core) or a spawned task. */
export interface Owned {
  readonly deadline: number;
  listeners?: Set<() => void> | undefined;
}

const owned = new Map<AbortSignal, Owned>();

/** Registers a signal created here until `disown`, with what is known about it. */
export function own(signal: AbortSignal, entry: Owned): void {
  owned.set(signal, entry);
}

export function disown(signal: AbortSignal): void {
  owned.delete(signal);
}

/** The deadline inherited from `signal` (Infinity when it has none or is not ours). */
export function deadlineOf(signal: AbortSignal | undefined): number {
  return (signal && owned.get(signal)?.deadline) ?? Infinity;
}

/** Aborts a controller created here and calls what is linked to its signal. */
export function abort(controller: AbortController, entry: Owned, reason: unknown): void {
  if (controller.signal.aborted) return;
  controller.abort(reason);
  if (entry.listeners) for (const listener of entry.listeners) listener();
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
