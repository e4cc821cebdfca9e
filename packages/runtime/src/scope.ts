import { Core, open, unless, type Queued, type TaskFn } from './core.js';
import { abortError, isCancellation, quoted, ScopeClosedError } from './errors.js';
import { abort, disown, link, own, unlink, type Owned } from './link.js';
import { checkFunction, checkOptions, type ScopeOptions } from './validate.js';

/** A spawned child. Awaiting it is optional: its scope observes a failure either way. */
export interface Task<T> extends PromiseLike<T> {
  /** Aborts when the task or its scope is cancelled. */
  readonly signal: AbortSignal;
  /** The `name` it was spawned with: shown in its errors, `taskTree()` and diagnostics_channel. */
  readonly name: string | undefined;
  /** Cancels this task only. Awaiting it then rejects with `reason` (unless it ignores the signal). */
  cancel(reason?: unknown): void;
}

export interface SpawnOptions {
  /** Shown in the task's errors, in `taskTree()` and on diagnostics_channel, and passed to a supervisor's `onError`. */
  name?: string | undefined;
}

export interface Scope {
  /** Aborts when the scope is cancelled: by a failure, `cancel`, its parent signal or its deadline. */
  readonly signal: AbortSignal;
  /** Runs `fn` as a child of this scope. Costs one AbortController, so `task.cancel` can work. */
  spawn<T>(fn: TaskFn<T>, options?: SpawnOptions): Task<T>;
  /** Runs `fn` as a child and resolves with what it passes to `ready`; the child keeps running. */
  start<T = void>(fn: (signal: AbortSignal, ready: (value: T) => void) => unknown, options?: SpawnOptions): Promise<T>;
  /** Cancels every child. The scope still waits for all of them to settle. */
  cancel(reason?: unknown): void;
}

export interface OpenScope extends Scope, AsyncDisposable {
  /** Waits for every child, then resolves, or rejects like `scope()` would. Call it on the success path. */
  join(): Promise<void>;
}

export interface SupervisorOptions extends ScopeOptions {
  /**
   * Hears each spawned task that fails (not one that is cancelled), when it fails, with the task's
   * name. What it throws fails the supervisor. Without it, the failures are kept, and the supervisor
   * rejects with the first once every task has settled (the others in `suppressedErrors`).
   */
  onError?: ((error: unknown, name: string | undefined) => void) | undefined;
}

/** How a supervisor hears a spawned task's failure. */
type Report = (error: unknown, name: string | undefined, core: Core) => void;

const noop = () => {};

/** The `Scope` handed to a body: spawning into `core`; a supervisor's failures go to `report`. */
function scopeOf(core: Core, report?: Report): Scope {
  return {
    signal: core.signal,

    spawn<T>(fn: TaskFn<T>, options?: SpawnOptions): Task<T> {
      checkFunction(fn, 'spawn(): task');
      const { name } = checkOptions(options, 'spawn');
      if (core.closed) throw new ScopeClosedError(`Scope${quoted(core.name)} has already closed`);
      const { promise, resolve, reject } = deferred<T>();
      if (core.signal.aborted) {
        reject(core.signal.reason); // a cancelling scope starts nothing new
        return Object.assign(promise, { signal: core.signal, name, cancel: noop });
      }
      // The scope aborts this controller itself (a linked callback, not an event listener).
      const controller = new AbortController();
      const { signal } = controller;
      const entry: Owned = { deadline: core.deadline, name };
      own(signal, entry);
      const onScopeAbort = () => abort(controller, entry, core.signal.reason);
      link(core.signal, onScopeAbort);
      let queued: Queued | undefined;
      const task = Object.assign(promise, {
        signal,
        name,
        cancel(reason: unknown = abortError(`Task${quoted(name)} was cancelled`)) {
          abort(controller, entry, reason);
          // Still waiting for a concurrency slot: it settles now. The scope lets go of it, without
          // running it, when its turn comes (no later than it would have started).
          if (queued?.fn) reject(reason);
        },
      });
      queued = core.run(
        fn,
        (ok, value) => {
          unlink(core.signal, onScopeAbort);
          disown(signal);
          // Nothing to cancel any more: a task kept by the caller keeps only its promise and signal.
          task.cancel = noop;
          if (ok) return resolve(value as T);
          reject(value);
          if (report && !isCancellation(value, signal)) report(value, name, core);
        },
        0,
        signal,
      );
      return task;
    },

    start<T = void>(fn: (signal: AbortSignal, ready: (value: T) => void) => unknown, options?: SpawnOptions): Promise<T> {
      checkFunction(fn, 'start(): task');
      const { promise, resolve, reject } = deferred<T>();
      let isReady = false;
      // A failure before `ready` rejects the returned promise too; after it, only the scope sees it.
      this.spawn(async (signal) => {
        await fn(signal, (value) => {
          // A second call is a bug in the task (Trio raises too); ignoring it would hide a lost value.
          if (isReady) throw new Error(`start(): Task${quoted(options?.name)} called ready() twice`);
          isReady = true;
          resolve(value);
        });
        if (!isReady) throw new Error(`start(): Task${quoted(options?.name)} finished without calling ready()`);
      }, options).then(undefined, reject);
      return promise;
    },

    cancel: (reason) => core.cancel(reason),
  };
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
  return run('scope', body, checkOptions(options, 'scope'));
}

/**
 * A scope whose spawned tasks fail independently (Kotlin's supervisorScope): a failure cancels
 * nothing, and goes to `onError`. It still waits for every task. The body's own failure, parent
 * cancellation and the deadline cancel everything, as in `scope`.
 */
export function supervisor<T>(body: (s: Scope) => T | PromiseLike<T>, options?: SupervisorOptions): Promise<T> {
  checkFunction(body, 'supervisor(): body');
  const opts = checkOptions(options, 'supervisor');
  const { onError } = opts;
  if (onError !== undefined) checkFunction(onError, 'supervisor(): options.onError');
  return run('supervisor', body, opts, (error, name, core) => {
    // Without a handler the failure is kept, cancelling nothing; a handler's own failure is the supervisor's.
    if (!onError) return core.fail(error, true);
    try {
      onError(error, name);
    } catch (thrown) {
      core.fail(thrown);
    }
  });
}

/** `scope`, or with `report` a supervisor: its spawned tasks' failures go to `report` instead of cancelling it. */
function run<T>(kind: string, body: (s: Scope) => T | PromiseLike<T>, options: ScopeOptions, report?: Report): Promise<T> {
  return open(
    kind,
    options,
    (core) => {
      let result: { value: T } | undefined;
      const s = scopeOf(core, report);
      // The body is a child like any other, except that `concurrency` does not count it, and that its
      // failure fails a supervisor too.
      core.run(() => body(s), (ok, value) => (ok ? (result = { value: value as T }) : core.fail(value)), 0, core.signal, false);
      // Without a result, it was cancelled with `s.cancel()` before the body returned.
      return (failure) => unless(failure ?? (result ? undefined : { error: core.signal.reason }), result?.value as T);
    },
    !!report,
  );
}

/**
 * A scope for `await using s = openScope()`. Call `await s.join()` on the success path. Disposing
 * it without `join` (the body threw) cancels every child, waits for them, and throws only a real
 * failure of a child: a disposer cannot see the body's exception.
 */
export function openScope(options?: ScopeOptions): OpenScope {
  const opts = checkOptions(options, 'openScope');
  const { promise, resolve, reject } = deferred<void>();
  const core = new Core('openScope', opts, (failure) => (failure ? reject(failure.error) : resolve()));
  let joined = false;
  const join = () => {
    if (!joined) {
      joined = true;
      core.release();
    }
    return promise;
  };
  return Object.assign(scopeOf(core), {
    join,
    async [Symbol.asyncDispose]() {
      if (joined) return void (await promise.catch(noop)); // the caller already has the outcome
      core.cancel(abortError('The scope was disposed'));
      // Errors win, so anything but the cancellation's reason is a real failure.
      await join().catch((error: unknown) => {
        if (error !== core.signal.reason) throw error;
      });
    },
  });
}
