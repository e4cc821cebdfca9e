import { Core, type Failure, type TaskFn } from './core.js';
import { abortError, ScopeClosedError } from './errors.js';
import { abort, disown, link, own, unlink, type Owned } from './link.js';
import { checkFunction, checkOptions, type ScopeOptions } from './validate.js';

/** A spawned child. Awaiting it is optional: its scope observes a failure either way. */
export interface Task<T> extends PromiseLike<T> {
  /** Aborts when the task or its scope is cancelled. */
  readonly signal: AbortSignal;
  /** Cancels this task only. Awaiting it then rejects with `reason` (unless it ignores the signal). */
  cancel(reason?: unknown): void;
}

export interface Scope {
  /** Aborts when the scope is cancelled: by a failure, `cancel`, its parent signal or its deadline. */
  readonly signal: AbortSignal;
  /** Runs `fn` as a child of this scope. Costs one AbortController, so `task.cancel` can work. */
  spawn<T>(fn: TaskFn<T>): Task<T>;
  /** Runs `fn` as a child and resolves with what it passes to `ready`; the child keeps running. */
  start<T = void>(fn: (signal: AbortSignal, ready: (value: T) => void) => unknown): Promise<T>;
  /** Cancels every child. The scope still waits for all of them to settle. */
  cancel(reason?: unknown): void;
}

export interface OpenScope extends Scope, AsyncDisposable {
  /** Waits for every child, then resolves, or rejects like `scope()` would. Call it on the success path. */
  join(): Promise<void>;
}

const noop = () => {};

class ScopeImpl implements Scope {
  readonly #core: Core;

  constructor(core: Core) {
    this.#core = core;
  }

  get signal(): AbortSignal {
    return this.#core.signal;
  }

  spawn<T>(fn: TaskFn<T>): Task<T> {
    checkFunction(fn, 'spawn(): task');
    const core = this.#core;
    if (core.closed) {
      const name = core.name === undefined ? '' : ` "${core.name}"`;
      throw new ScopeClosedError(`Cannot spawn: scope${name} has already closed. Spawn from its body or its tasks while it is open.`);
    }
    const { promise, resolve, reject } = deferred<T>();
    if (core.signal.aborted) {
      reject(core.signal.reason); // a cancelling scope starts nothing new
      return new TaskImpl(promise, core.signal, noop);
    }
    // The scope aborts this controller itself (a linked callback, not an event listener).
    const controller = new AbortController();
    const entry: Owned = { deadline: core.deadline };
    own(controller.signal, entry);
    const onScopeAbort = () => abort(controller, entry, core.signal.reason);
    link(core.signal, onScopeAbort);
    const queued = core.run(
      fn,
      (ok, value) => {
        unlink(core.signal, onScopeAbort);
        disown(controller.signal);
        if (ok) resolve(value as T);
        else reject(value);
      },
      0,
      controller.signal,
    );
    return new TaskImpl(promise, controller.signal, (reason) => {
      abort(controller, entry, reason);
      if (queued) core.drop(queued); // still waiting for a concurrency slot: settle it now
    });
  }

  start<T = void>(fn: (signal: AbortSignal, ready: (value: T) => void) => unknown): Promise<T> {
    checkFunction(fn, 'start(): task');
    const { promise, resolve, reject } = deferred<T>();
    let isReady = false;
    const ready = (value: T) => {
      isReady = true;
      resolve(value);
    };
    // A failure before `ready` rejects the returned promise too; after it, only the scope sees it.
    this.spawn(async (signal) => {
      await fn(signal, ready);
      if (!isReady) throw new Error('start(): the task finished without calling ready()');
    }).then(undefined, reject);
    return promise;
  }

  cancel(reason?: unknown): void {
    this.#core.cancel(reason);
  }
}

class TaskImpl<T> implements Task<T> {
  readonly signal: AbortSignal;
  readonly #promise: Promise<T>;
  readonly #cancel: (reason: unknown) => void;

  constructor(promise: Promise<T>, signal: AbortSignal, cancel: (reason: unknown) => void) {
    this.#promise = promise;
    this.signal = signal;
    this.#cancel = cancel;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise.then(onfulfilled, onrejected);
  }

  cancel(reason: unknown = abortError('The task was cancelled')): void {
    this.#cancel(reason);
  }
}

/** A promise and its settle functions. It never counts as unhandled: its owner reports failures. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(noop);
  return { promise, resolve, reject };
}

/**
 * Runs `body` in a new scope and settles once the body and every child it spawned have settled.
 * The first real failure cancels the rest and is rethrown (see `suppressedErrors` for the others);
 * parent cancellation or the deadline rejects with the signal's reason.
 */
export function scope<T>(body: (s: Scope) => T | PromiseLike<T>, options?: ScopeOptions): Promise<T> {
  checkFunction(body, 'scope(): body');
  const opts = checkOptions(options, 'scope');
  return new Promise<T>((resolve, reject) => {
    let result: { value: T } | undefined;
    const core: Core = new Core('scope', opts, (failure) => {
      if (failure) reject(failure.error);
      else if (result) resolve(result.value);
      else reject(core.signal.reason); // cancelled with `s.cancel()` before the body returned
    });
    const s = new ScopeImpl(core);
    // The body is a child like any other, except that `concurrency` does not count it.
    const done = (ok: boolean, value: unknown) => {
      if (ok) result = { value: value as T };
    };
    core.run(() => body(s), done, 0, core.signal, false);
    core.release();
  });
}

/**
 * A scope for `await using s = openScope()`. Call `await s.join()` on the success path. Disposing
 * it without `join` (the body threw) cancels every child, waits for them, and throws only a real
 * failure of a child: a disposer cannot see the body's exception.
 */
export function openScope(options?: ScopeOptions): OpenScope {
  const opts = checkOptions(options, 'openScope');
  const { promise, resolve, reject } = deferred<void>();
  let failed = false;
  const core = new Core('openScope', opts, (failure: Failure) => {
    failed = failure !== undefined && failure.error !== core.signal.reason;
    if (failure) reject(failure.error);
    else resolve();
  });
  let joined = false;
  const join = () => {
    if (!joined) {
      joined = true;
      core.release();
    }
    return promise;
  };
  return Object.assign(new ScopeImpl(core), {
    join,
    async [Symbol.asyncDispose]() {
      if (joined) return void (await promise.catch(noop)); // the caller already has the outcome
      core.cancel(abortError('The scope was disposed'));
      await join().catch((error: unknown) => {
        if (failed) throw error;
      });
    },
  });
}
