// The one scope implementation. `scope`, `openScope` and every combinator are a Core plus a rule
// for turning its children's outcomes into a result.
import { abortError, addSuppressed, cancellationFailures, isCancellation, timeoutError } from './errors.js';
import { abort, deadlineOf, disown, link, own, unlink, type Owned } from './link.js';
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

interface Queued {
  fn: TaskFn<unknown> | undefined; // undefined once settled without running
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
  #running = 0;
  #queue: Queued[] | undefined; // children waiting for a `concurrency` slot
  #head = 0;
  #pumping = false;
  #aborted = false; // mirrors signal.aborted, whose getter is slow in Node
  #failure: Failure;
  #external = false;
  #suppressed: unknown[] | undefined;
  #stopTimer: (() => void) | undefined;
  #onParentAbort: (() => void) | undefined;

  /**
   * `kind` names the calling function for the observer. `supervise`: a child's failure is only
   * reported to its `done`, it does not cancel the scope (allSettled, any, hedge). Otherwise the
   * first real failure cancels every other child.
   */
  constructor(kind: string, options: ScopeOptions, onClose: (failure: Failure) => void, supervise = false) {
    this.signal = this.#controller.signal;
    this.name = options.name;
    this.#onClose = onClose;
    this.#supervise = supervise;
    this.#limit = options.concurrency ?? Infinity;
    const parent = (this.#parent = options.signal ?? ambient?.current());
    const inherited = deadlineOf(parent);
    const { timeout } = options;
    const deadline = (this.deadline = Math.min(inherited, options.deadline ?? Infinity, timeout === undefined ? Infinity : Date.now() + timeout));
    own(this.signal, this);
    observer?.opened(this, kind, parent);
    if (parent) {
      const onParentAbort = (this.#onParentAbort = () => this.#cancelFromOutside(parent.reason));
      link(parent, onParentAbort);
      if (parent.aborted) onParentAbort();
    }
    // An inherited deadline is enforced by the parent's cancellation; only an earlier one needs a timer.
    if (deadline < inherited && !this.#aborted) {
      const ms = deadline - Date.now();
      if (ms > 0) this.#stopTimer = after(ms, () => this.#timeout());
      else this.#timeout();
    }
  }

  /** Runs `fn` as a child, or queues it while `concurrency` children run. */
  run(fn: TaskFn<unknown>, done: Settle, index = 0, signal = this.signal, limited = true): Queued | undefined {
    this.#live++;
    if (!limited || this.#running < this.#limit) return void this.#start(fn, done, index, signal);
    const queued = { fn, done, index, signal };
    (this.#queue ??= []).push(queued);
    return queued;
  }

  /** Settles a queued child that was cancelled, without running it. */
  drop(queued: Queued): void {
    if (!queued.fn) return;
    queued.fn = undefined;
    this.#settle(queued.done, queued.index, queued.signal, false, queued.signal.reason, false);
  }

  /** Gives up the opener's hold: the scope closes once its last child settles. */
  release(): void {
    if (--this.#live === 0) this.#close();
  }

  /** Cancels the scope from inside; the result of the call is its own decision. */
  cancel(reason: unknown = abortError(`${this.#label()} was cancelled`)): void {
    this.#abort(reason);
  }

  #start(fn: TaskFn<unknown>, done: Settle, index: number, signal: AbortSignal): void {
    if (this.#aborted || (signal !== this.signal && signal.aborted)) return this.#settle(done, index, signal, false, signal.reason, false);
    this.#running++;
    if (observer) done = observer.started(this, index, signal, done);
    let result: unknown;
    try {
      result = ambient ? ambient.run(signal, () => fn(signal)) : fn(signal);
    } catch (error) {
      return this.#settle(done, index, signal, false, error, true);
    }
    if (!(result instanceof Promise)) {
      if (!isThenable(result)) return this.#settle(done, index, signal, true, result, true);
      result = Promise.resolve(result); // a foreign thenable may call back twice or throw; a promise may not
    }
    (result as Promise<unknown>).then(
      (value) => this.#settle(done, index, signal, true, value, true),
      (error: unknown) => this.#settle(done, index, signal, false, error, true),
    );
  }

  #settle(done: Settle, index: number, signal: AbortSignal, ok: boolean, value: unknown, ran: boolean): void {
    if (ran) this.#running--;
    if (!ok && !this.#supervise) {
      if (!isCancellation(value, signal)) this.#fail(value);
      // A nested scope cancelled by us rejects with the reason; real failures of its cleanup still count.
      else for (const error of cancellationFailures(value)) this.#fail(error);
    }
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
      if (next.fn) this.#start(next.fn, next.done, next.index, next.signal);
    }
    if (queue && this.#head === queue.length) {
      this.#queue = undefined;
      this.#head = 0;
    }
    this.#pumping = false;
  }

  #fail(error: unknown): void {
    if (!this.#failure && !this.#external) {
      this.#failure = { error };
      this.#abort(abortError(`${this.#label()} was cancelled because a task failed`, error));
    } else if (error !== this.#failure?.error && !this.#suppressed?.includes(error)) {
      (this.#suppressed ??= []).push(error);
    }
  }

  #timeout(): void {
    this.timedOut = true;
    this.#cancelFromOutside(timeoutError(`${this.#label()} timed out`));
  }

  #cancelFromOutside(reason: unknown): void {
    if (this.#aborted) return; // already cancelling: whatever came first decides
    this.#external = true;
    this.#abort(reason);
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#stopTimer?.();
    this.#stopTimer = undefined;
    abort(this.#controller, this, reason); // also cancels linked tasks, nested scopes, sleeps
    this.#pump(); // queued children now settle at once, without running
  }

  #close(): void {
    this.closed = true;
    disown(this.signal);
    this.#stopTimer?.();
    if (this.#onParentAbort) unlink(this.#parent!, this.#onParentAbort);
    const failure = this.#failure ?? (this.#external ? { error: this.signal.reason } : undefined);
    if (failure && this.#suppressed) addSuppressed(failure.error, this.#suppressed);
    observer?.closed(this, failure);
    this.#onClose(failure);
  }

  #label(): string {
    return this.name === undefined ? 'The scope' : `Scope "${this.name}"`;
  }
}
