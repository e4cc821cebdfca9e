// The one scope implementation. `scope`, `supervisor`, `openScope` and every combinator are a Core
// plus a rule for turning its children's outcomes into a result.
//
// Invariants:
// - A scope closes (`onClose`) once, after its opener released it and every child it ran settled:
//   no child outlives its scope. Nothing can be added once it has closed.
// - One AbortController per scope. Its children share its signal unless they bring their own (a
//   spawned task, which `task.cancel` needs).
// - `concurrency` counts the children that take a slot; the opener's own work (a scope's body, map's
//   reading of its input) takes none. Queued children start in order; once the scope is cancelled
//   they settle at once without running.
// - A cancellation is never a failure: a child that rejects with the signal's reason, or with an
//   AbortError or TimeoutError once it aborted, is cancelled, not failed (the real failures listed
//   under such an error by a nested scope still count).
// - The first real failure cancels the scope (except under supervision: then a child's failure is
//   only reported to its `done`). It is what the scope rejects with, even when the scope was already
//   cancelled from outside (errors win): that cancellation's reason, then the other failures, are
//   listed by `suppressedErrors`.
// - Cancellation reaches nested scopes and tasks through link.ts, breadth first, in constant stack.
import { abortError, addSuppressed, isCancellation, quoted, suppressedErrors, TimeoutError } from './errors.js';
import { abort, disown, link, own, ownerOf, unlink, type Owned } from './link.js';
import { after } from './timer.js';
import { isThenable, type ScopeOptions } from './validate.js';

/** A unit of work. It receives the signal of the scope it runs in and should stop when it aborts. */
export type TaskFn<T> = (signal: AbortSignal) => T | PromiseLike<T>;

/** Hears how child `index` settled (its value, or what it threw), before its scope may close. */
export type Settle = (ok: boolean, value: unknown, index: number) => void;

/** What a closed scope must reject with, if anything. */
export type Failure = { error: unknown } | undefined;

/** Installed by `taskscope/context` to carry the current signal through async calls. */
export interface Ambient {
  current(): AbortSignal | undefined;
  run<R>(signal: AbortSignal, fn: () => R): R;
}

let ambient: Ambient | undefined;

export function setAmbient(value: Ambient): void {
  ambient = value;
}

/** `signal`, or else the signal of the task this code runs in (once `taskscope/context` is loaded). */
export function signalOr(signal: AbortSignal | undefined): AbortSignal | undefined {
  return signal ?? ambient?.current();
}

/**
 * Installed by `taskscope/inspect` to follow the task tree. Undefined unless that module is loaded,
 * so without it a scope pays one undefined check when it opens and closes, a task one when it starts.
 */
export interface Observer {
  /** `kind` is the call that opened the scope ('scope', 'all', 'hedge'…); `parent` the signal it links to. */
  opened(scope: Core, kind: string, parent: AbortSignal | undefined): void;
  /** A child starts running; what it returns is called in place of `done`. */
  started(scope: Core, index: number, signal: AbortSignal, done: Settle): Settle;
  closed(scope: Core, failure: Failure): void;
}

let observer: Observer | undefined;

export function setObserver(value: Observer): void {
  observer = value;
}

/**
 * A new scope's outcome as a promise. `start` runs its children and returns the rule for its close,
 * which gets the failure, if any, and returns what the promise resolves to (a rejected promise to
 * reject it: see `unless`).
 */
export function open<T>(kind: string, options: ScopeOptions, start: (core: Core) => (failure: Failure) => T | PromiseLike<T>, supervise?: boolean): Promise<T> {
  return new Promise((resolve) => {
    const core = new Core(kind, options, (failure) => resolve(rule(failure)), supervise);
    const rule = start(core);
    core.release();
  });
}

/** The rule of most calls: a failure rejects, else `value` resolves. */
export function unless<T>(failure: Failure, value: T): T | Promise<never> {
  return failure ? Promise.reject(failure.error) : value;
}

export interface Queued {
  fn: TaskFn<unknown> | undefined; // undefined once it started, or settled without running
  done: Settle;
  index: number;
  signal: AbortSignal;
}

export class Core implements Owned {
  readonly signal: AbortSignal;
  /** The effective deadline: the earliest of this scope's own and its parent's (Infinity for none). */
  readonly deadline: number;
  /** What is linked to `signal` (see link.ts). */
  listeners: Set<() => void> | undefined;
  readonly name: string | undefined;
  /** Set once every child settled; nothing may be added any more. */
  closed = false;
  /** Set when this scope's own timeout or deadline cancelled it (not an inherited one). */
  timedOut = false;

  readonly #controller = new AbortController();
  readonly #parent: AbortSignal | undefined;
  readonly #onClose: (failure: Failure) => void;
  readonly #supervise: boolean;
  readonly #limit: number;
  // Children not yet settled, plus one hold for whoever opened the scope (see `release`).
  #live = 1;
  #running = 0; // children holding a `concurrency` slot
  #queue: Queued[] | undefined; // children waiting for a slot
  #head = 0;
  #pumping = false;
  #aborted = false; // mirrors signal.aborted, whose getter is slow in Node
  #external = false; // cancelled from outside: by the parent signal or the deadline
  #errors: unknown[] | undefined; // real failures: the first, then what it suppresses
  #stopTimer: (() => void) | undefined;
  #onParentAbort: (() => void) | undefined;

  /**
   * `kind` names the calling function for the observer. `supervise`: a child's failure is only
   * reported to its `done`, it does not cancel the scope (allSettled, any, hedge, supervisor).
   * Otherwise the first real failure cancels every other child.
   */
  constructor(kind: string, options: ScopeOptions, onClose: (failure: Failure) => void, supervise = false) {
    this.signal = this.#controller.signal;
    this.name = options.name;
    this.#onClose = onClose;
    this.#supervise = supervise;
    this.#limit = options.concurrency ?? Infinity;
    const parent = (this.#parent = signalOr(options.signal));
    const inherited = ownerOf(parent)?.deadline ?? Infinity;
    const now = Date.now();
    const deadline = (this.deadline = Math.min(inherited, options.deadline ?? Infinity, now + (options.timeout ?? Infinity)));
    own(this.signal, this);
    observer?.opened(this, kind, parent);
    if (parent) {
      const onParentAbort = (this.#onParentAbort = () => this.#abort(parent.reason, true));
      link(parent, onParentAbort);
      if (parent.aborted) onParentAbort();
    }
    // An inherited deadline is enforced by the parent's cancellation; only an earlier one needs a timer.
    if (deadline < inherited && !this.#aborted) {
      const ms = Math.max(0, deadline - now);
      const timeOut = () => {
        this.timedOut = true;
        // Made here, not when the timer is set: an Error's stack costs more than the rest of a scope.
        this.#abort(new TimeoutError(`Scope${quoted(this.name)} timed out after ${ms} ms`), true);
      };
      if (ms) this.#stopTimer = after(ms, timeOut);
      else timeOut();
    }
  }

  /** Runs `fn` as a child, or queues it while `concurrency` children run; `counted: false` takes no slot. */
  run(fn: TaskFn<unknown>, done: Settle, index = 0, signal = this.signal, counted = true): Queued | undefined {
    this.#live++;
    if (!counted || this.#running < this.#limit) return void this.#start(fn, done, index, signal, counted);
    const queued = { fn, done, index, signal };
    (this.#queue ??= []).push(queued);
    return queued;
  }

  /** Gives up the opener's hold: the scope closes once its last child settles. */
  release(): void {
    if (--this.#live === 0) this.#close();
  }

  /** Cancels the scope from inside; the result of the call is its own decision. */
  cancel(reason: unknown = abortError(`Scope${quoted(this.name)} was cancelled`)): void {
    this.#abort(reason);
  }

  /** Records a real failure (a cancellation is none), and cancels the scope unless `quiet`. */
  fail(error: unknown, quiet = false): void {
    if (isCancellation(error, this.signal)) return;
    const errors = (this.#errors ??= []);
    // Errors win: a failure after a cancellation from outside is what the scope rejects with; the
    // cancellation's reason comes first in its suppressed errors.
    if (errors.push(error) === 1 && this.#external) errors.push(this.signal.reason);
    if (!quiet && !this.#aborted) this.#abort(abortError(`Scope${quoted(this.name)} was cancelled because a task failed`, error));
  }

  #start(fn: TaskFn<unknown>, done: Settle, index: number, signal: AbortSignal, counted: boolean): void {
    if (this.#aborted || (signal !== this.signal && signal.aborted)) return this.#settle(done, index, signal, false, signal.reason, false);
    if (counted) this.#running++;
    if (observer) done = observer.started(this, index, signal, done);
    let result: unknown;
    try {
      result = ambient ? ambient.run(signal, () => fn(signal)) : fn(signal);
    } catch (error) {
      return this.#settle(done, index, signal, false, error, counted);
    }
    if (!(result instanceof Promise)) {
      if (!isThenable(result)) return this.#settle(done, index, signal, true, result, counted);
      result = Promise.resolve(result); // a foreign thenable may call back twice or throw; a promise may not
    }
    (result as Promise<unknown>).then(
      (value) => this.#settle(done, index, signal, true, value, counted),
      (error: unknown) => this.#settle(done, index, signal, false, error, counted),
    );
  }

  #settle(done: Settle, index: number, signal: AbortSignal, ok: boolean, value: unknown, counted: boolean): void {
    if (counted) this.#running--;
    // A cancellation may still list real failures (an inner scope's timeout, taken here for our own
    // cancellation, with the failures that came after it): they count.
    if (!ok && !this.#supervise) for (const error of isCancellation(value, signal) ? suppressedErrors(value) : [value]) this.fail(error);
    done(ok, value, index);
    if (this.#queue) this.#pump();
    if (--this.#live === 0) this.#close();
  }

  // Starts queued children while there is room. A loop, not recursion, so thousands of children
  // that finish synchronously cannot overflow the stack.
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    const queue = this.#queue;
    while (queue && this.#head < queue.length && (this.#running < this.#limit || this.#aborted)) {
      const next = queue[this.#head++]!;
      const { fn } = next;
      next.fn = undefined; // started: a `task.cancel` now waits for it to settle
      if (fn) this.#start(fn, next.done, next.index, next.signal, true);
    }
    if (queue && this.#head === queue.length) {
      this.#queue = undefined;
      this.#head = 0;
    }
    this.#pumping = false;
  }

  /** `external`: by the parent signal or the deadline, not from inside. Whatever came first decides. */
  #abort(reason: unknown, external = false): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#external = external;
    this.#stopTimer?.();
    // Queued children now settle at once, without running: after every task linked here has been
    // aborted, which is once the listeners before this one have run (see link.ts).
    if (this.#queue) (this.listeners ??= new Set()).add(() => this.#pump());
    abort(this.#controller, this, reason); // also cancels linked tasks, nested scopes, sleeps
  }

  #close(): void {
    this.closed = true;
    disown(this.signal);
    this.#stopTimer?.();
    if (this.#onParentAbort) unlink(this.#parent!, this.#onParentAbort);
    const errors = this.#errors;
    const failure = errors ? { error: errors[0] } : this.#external ? { error: this.signal.reason } : undefined;
    if (errors) addSuppressed(errors[0], errors.slice(1)); // without duplicates, nor the failure itself
    observer?.closed(this, failure);
    this.#onClose(failure);
  }
}
