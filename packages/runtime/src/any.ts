import { Core, type TaskFn } from './core.js';
import type { TaskResult } from './all.js';
import { abortError } from './errors.js';
import { checkOptions, checkTasks, type ScopeOptions } from './validate.js';

/**
 * Like `Promise.any`: the first task to fulfil wins, the others are aborted and awaited. Failures
 * are tolerated; when every task failed, rejects with an AggregateError of them, in task order.
 */
export function any<const T extends readonly TaskFn<unknown>[]>(tasks: T, options?: ScopeOptions): Promise<TaskResult<T[number]>>;
export function any<T>(tasks: Iterable<TaskFn<T>>, options?: ScopeOptions): Promise<T>;
export function any(tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions): Promise<unknown> {
  const list = checkTasks(tasks, 'any');
  const opts = checkOptions(options, 'any');
  return new Promise((resolve, reject) => {
    let won = false;
    let winner: unknown;
    const errors = new Array<unknown>(list.length);
    const core = new Core(
      'any',
      opts,
      (failure) => {
        if (failure) reject(failure.error);
        else if (won) resolve(winner);
        else reject(new AggregateError(errors, 'any(): every task failed'));
      },
      true,
    );
    for (let i = 0; i < list.length; i++) {
      core.run(list[i]!, (ok, value) => {
        if (!ok) errors[i] = value;
        else if (!won) {
          won = true;
          winner = value;
          core.cancel(abortError('Another task fulfilled first'));
        }
      });
    }
    core.release();
  });
}
