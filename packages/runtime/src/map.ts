import { open, unless } from './core.js';
import { checkFunction, checkOptions, describe, isThenable, type ScopeOptions } from './validate.js';

/**
 * Maps `items` through `fn` with at most `options.concurrency` calls at once (default: all),
 * keeping the input order. Fail-fast like `all`: the first real failure aborts the rest.
 *
 * `items` may be any iterable or async iterable, read lazily: the next item is taken only when a
 * call can start, so a stream or an endless generator runs in bounded memory (one result per item
 * is kept). Reading stops when the call is cancelled or fails; the iterator is then closed
 * (`return()`), as `for … of` would, and its cleanup is awaited like a task's.
 */
export function map<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, signal: AbortSignal, index: number) => R | PromiseLike<R>,
  options?: ScopeOptions,
): Promise<R[]> {
  checkFunction(fn, 'map(): fn');
  const opts = checkOptions(options, 'map');
  const source = items as Partial<Iterable<T> & AsyncIterable<T>> | null | undefined;
  const iterator: Iterator<T> | AsyncIterator<T> | undefined = source?.[Symbol.asyncIterator]?.() ?? source?.[Symbol.iterator]?.();
  if (!iterator) throw new TypeError(`map(): items must be iterable, got ${describe(items)}`);
  let free = opts.concurrency ?? Infinity; // calls that may start now
  let wake: (() => void) | undefined; // resumes the reader once a call settled
  return open('map', opts, (core) => {
    const results: R[] = [];
    // The reader runs as the scope's opener: it takes no slot, and a failure of the iterator fails
    // the call. It applies `concurrency` itself (its calls take no slot of the Core's either): it
    // must not take an item before a call can start. A synchronous iterator costs no microtask.
    core.run(
      async (signal) => {
        for (let index = 0; ; index++) {
          while (!free) await new Promise<void>((resume) => (wake = resume));
          if (signal.aborted) return iterator.return?.();
          let step = iterator.next();
          if (isThenable(step)) step = await step;
          if (step.done) return;
          free--;
          const { value } = step;
          core.run(
            (taskSignal) => fn(value, taskSignal, index),
            (ok, result) => {
              if (ok) results[index] = result as R;
              free++;
              wake?.();
            },
            index,
            signal,
            false,
          );
        }
      },
      () => {},
      -1,
      core.signal,
      false,
    );
    return (failure) => unless(failure, results);
  });
}
