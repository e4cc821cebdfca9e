import { runAll } from './all.js';
import { open, unless, type TaskFn } from './core.js';
import { checkFunction, checkNonNegative, checkOptions, type ScopeOptions } from './validate.js';

export type TimeoutOptions = Omit<ScopeOptions, 'timeout' | 'concurrency'>;

/** What `moveOnAfter` resolves to: the value, or `timedOut: true` and no value. */
export type MoveOnResult<T> = { timedOut: false; value: T } | { timedOut: true; value: undefined };

/**
 * Runs `fn` and rejects with a TimeoutError if it has not finished after `ms` (Trio's
 * fail_after). On timeout `fn`'s signal aborts and the call waits for `fn` to settle.
 */
export function withTimeout<T>(ms: number, fn: TaskFn<T>, options?: TimeoutOptions): Promise<T> {
  checkNonNegative(ms, 'withTimeout(): ms');
  checkFunction(fn, 'withTimeout(): fn');
  const opts = checkOptions(options, 'withTimeout');
  return runAll('withTimeout', [fn], { ...opts, timeout: ms }).then((results) => results[0] as T);
}

/**
 * Runs `fn`, giving up after `ms` (Trio's move_on_after): resolves `{ timedOut: false, value }`,
 * or `{ timedOut: true, value: undefined }` once `fn` has settled after its signal aborted. Only
 * this call's own timeout is swallowed: an outer deadline or cancellation still rejects.
 */
export function moveOnAfter<T>(ms: number, fn: TaskFn<T>, options?: TimeoutOptions): Promise<MoveOnResult<T>> {
  checkNonNegative(ms, 'moveOnAfter(): ms');
  checkFunction(fn, 'moveOnAfter(): fn');
  const opts = checkOptions(options, 'moveOnAfter');
  return open('moveOnAfter', { ...opts, timeout: ms }, (core) => {
    let value: T;
    core.run(fn, (ok, result) => {
      if (ok) value = result as T;
    });
    // Only its own timeout is swallowed; a real failure, even one raised while `fn` was being cancelled, wins.
    return (failure) =>
      core.timedOut && failure?.error === core.signal.reason ? { timedOut: true, value: undefined } : unless(failure, { timedOut: false, value });
  });
}
