import { open, unless, type Core, type Settle, type TaskFn } from './core.js';
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
  return firstToFulfil('any', opts, (core, done) => {
    for (let i = 0; i < list.length; i++) core.run(list[i]!, done, i);
  });
}

/**
 * The rule of `any`, for children that `start` runs with `done` (`hedge` starts them over time).
 * `onClose` hears the scope close, before the call settles.
 */
export function firstToFulfil(kind: string, options: ScopeOptions, start: (core: Core, done: Settle) => void, onClose?: () => void): Promise<unknown> {
  return open(
    kind,
    options,
    (core) => {
      let won = false;
      let winner: unknown;
      const errors: unknown[] = [];
      start(core, (ok, value, index) => {
        if (!ok) errors[index] = value;
        else if (!won) {
          won = true;
          winner = value;
          core.cancel(abortError('Another task won'));
        }
      });
      return (failure) => {
        onClose?.();
        return unless(failure ?? (won ? undefined : { error: new AggregateError(errors, `${kind}(): every task failed`) }), winner);
      };
    },
    true,
  );
}
