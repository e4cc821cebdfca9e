import { runAll } from './all.js';
import { checkFunction, checkOptions, toArray, type ScopeOptions } from './validate.js';

/**
 * Maps `items` through `fn` with at most `options.concurrency` calls at once (default: all),
 * keeping the input order. Fail-fast like `all`: the first real failure aborts the rest.
 */
export function map<T, R>(
  items: Iterable<T>,
  fn: (item: T, signal: AbortSignal, index: number) => R | PromiseLike<R>,
  options?: ScopeOptions,
): Promise<R[]> {
  checkFunction(fn, 'map(): fn');
  const opts = checkOptions(options, 'map');
  const list = toArray(items, 'map()');
  return runAll(
    'map',
    list.map((item, index) => (signal: AbortSignal) => fn(item, signal, index)),
    opts,
  );
}
