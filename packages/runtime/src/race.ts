import { open, unless, type TaskFn } from './core.js';
import type { TaskResult } from './all.js';
import { abortError } from './errors.js';
import { checkOptions, checkTasks, type ScopeOptions } from './validate.js';

/**
 * Like `Promise.race`: the first task to settle decides. The others are then aborted and awaited
 * before the call settles. A real failure of a loser while it is being cancelled still wins.
 * An empty list is a RangeError (`Promise.race([])` would never settle).
 */
export function race<const T extends readonly TaskFn<unknown>[]>(tasks: T, options?: ScopeOptions): Promise<TaskResult<T[number]>>;
export function race<T>(tasks: Iterable<TaskFn<T>>, options?: ScopeOptions): Promise<T>;
export function race(tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions): Promise<unknown> {
  const list = checkTasks(tasks, 'race');
  const opts = checkOptions(options, 'race');
  if (list.length === 0) throw new RangeError('race(): needs a task: an empty race never settles');
  return open('race', opts, (core) => {
    let won = false;
    let winner: unknown;
    for (const task of list) {
      core.run(task, (ok, value) => {
        // A first rejection needs nothing here: the core fails the scope with it.
        if (won) return;
        won = true;
        winner = value;
        if (ok) core.cancel(abortError('Another task won'));
      });
    }
    return (failure) => unless(failure, winner);
  });
}
