import { open, unless, type TaskFn } from './core.js';
import type { TaskResult } from './all.js';
import { checkOptions, checkTasks, type ScopeOptions } from './validate.js';

export type SettledResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: PromiseSettledResult<TaskResult<T[K]>> };

/**
 * Like `Promise.allSettled`, as a supervisor: a failing task does not cancel the others. Parent
 * cancellation or the deadline does, and then the call rejects with the signal's reason.
 */
export function allSettled<const T extends readonly TaskFn<unknown>[]>(tasks: T, options?: ScopeOptions): Promise<SettledResults<T>>;
export function allSettled<T>(tasks: Iterable<TaskFn<T>>, options?: ScopeOptions): Promise<PromiseSettledResult<T>[]>;
export function allSettled(tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions): Promise<PromiseSettledResult<unknown>[]> {
  const list = checkTasks(tasks, 'allSettled');
  const opts = checkOptions(options, 'allSettled');
  return open(
    'allSettled',
    opts,
    (core) => {
      const results = new Array<PromiseSettledResult<unknown>>(list.length);
      for (let i = 0; i < list.length; i++) {
        core.run(list[i]!, (ok, value) => {
          results[i] = ok ? { status: 'fulfilled', value } : { status: 'rejected', reason: value };
        });
      }
      return (failure) => unless(failure, results);
    },
    true,
  );
}
