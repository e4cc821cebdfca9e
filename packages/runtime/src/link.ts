// How cancellation reaches what depends on a signal.
//
// Invariants:
// - The signals this library creates (one per scope, one per spawned task) are registered here while
//   their owner runs (`own` … `disown`), with their effective deadline and the listeners linked to
//   them. Their owner calls those listeners itself (`abort`): linking to them adds no event listener.
// - Any other signal gets exactly one 'abort' event listener, however many scopes, sleeps and waits
//   link to it; it fans out to them, and is removed when the last one unlinks. So no fan-out of any
//   size trips Node's MaxListenersExceededWarning, and nothing is left on the signal afterwards.
// - Cancellation propagates through a queue, breadth first, never by recursion: a tree of any depth
//   is cancelled in constant stack. It is complete when the outermost `abort` returns.
//
// The registry is a Map emptied as owners settle and listeners unlink, not a WeakMap: in V8 a
// WeakMap entry costs microseconds of garbage-collector work, more than all the rest of a small `all()`.

/** What is known about a signal: a scope's (its Core), a spawned task's, or another one linked to. */
export interface Owned {
  readonly deadline: number;
  readonly name?: string | undefined;
  listeners?: Set<() => void> | undefined;
  /** Not created here: it has our one event listener while something is linked to it. */
  readonly foreign?: true;
}

const known = new Map<AbortSignal, Owned>();
let pending: Set<() => void>[] | undefined; // set while a cancellation propagates

/** Registers a signal created here until `disown`, with what is known about it. */
export function own(signal: AbortSignal, entry: Owned): void {
  known.set(signal, entry);
}

export function disown(signal: AbortSignal): void {
  known.delete(signal);
}

/** What is known about `signal`, while its owner runs or something is linked to it. */
export function ownerOf(signal: AbortSignal | undefined): Owned | undefined {
  return signal && known.get(signal);
}

/** Aborts a controller created here and calls what is linked to its signal. */
export function abort(controller: AbortController, entry: Owned, reason: unknown): void {
  if (controller.signal.aborted) return;
  controller.abort(reason);
  if (entry.listeners) notify(entry.listeners);
}

// A listener may abort more signals: their listeners join the queue instead of the stack. A Set is
// read when its turn comes, so a listener unlinked meanwhile is not called.
function notify(listeners: Set<() => void>): void {
  if (pending) return void pending.push(listeners);
  pending = [listeners];
  try {
    for (const set of pending) for (const listener of set) listener();
  } finally {
    pending = undefined;
  }
}

function onForeignAbort(event: Event): void {
  notify(known.get(event.target as AbortSignal)!.listeners!);
}

/** Calls `listener` once when `signal` aborts. Callers must `unlink` it when done. */
export function link(signal: AbortSignal, listener: () => void): void {
  let entry = known.get(signal);
  if (!entry) {
    known.set(signal, (entry = { deadline: Infinity, foreign: true }));
    signal.addEventListener('abort', onForeignAbort);
  }
  (entry.listeners ??= new Set()).add(listener);
}

export function unlink(signal: AbortSignal, listener: () => void): void {
  const entry = known.get(signal);
  if (entry?.listeners?.delete(listener) && entry.foreign && !entry.listeners.size) {
    known.delete(signal);
    signal.removeEventListener('abort', onForeignAbort);
  }
}
