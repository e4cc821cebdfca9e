import { open, unless, type TaskFn } from './core.js';
import { checkOptions, checkTasks, type ScopeOptions } from './validate.js';

/** What a task function resolves to. */
export type TaskResult<F> = F extends (...args: never) => infer R ? Awaited<R> : never;

/** The result tuple of `all`: one entry per task, in order. */
export type AllResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: TaskResult<T[K]> };

/**
 * Like `Promise.all`, structured: tasks share one signal, the first real failure aborts it, and
 * the call settles only after every task has settled. Types follow the tasks, tuples included.
 */
export function all<const T extends readonly TaskFn<unknown>[]>(tasks: T, options?: ScopeOptions): Promise<AllResults<T>>;
export function all<T>(tasks: Iterable<TaskFn<T>>, options?: ScopeOptions): Promise<T[]>;
export function all(tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions): Promise<unknown[]> {
  return runAll('all', checkTasks(tasks, 'all'), checkOptions(options, 'all'));
}

/** `all` on checked arguments; `withTimeout` shares it, under its own `kind`. */
export function runAll<T>(kind: string, tasks: readonly TaskFn<T>[], options: ScopeOptions): Promise<T[]> {
  return open(kind, options, (core) => {
    const results = new Array<T>(tasks.length);
    const done = (ok: boolean, value: unknown, index: number) => {
      if (ok) results[index] = value as T;
    };
    // Tasks get the scope's own signal (run's default), which is linked to options.signal.
    for (let i = 0; i < tasks.length; i++) core.run(tasks[i]!, done, i);
    return (failure) => unless(failure, results);
  });
}
