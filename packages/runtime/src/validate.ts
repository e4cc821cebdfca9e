// Argument checks shared by every entry point. Programmer errors throw synchronously at the call,
// before any task starts, so a bad argument can never turn into a hang.

export interface ScopeOptions {
  /** Parent cancellation: when it aborts, the call is cancelled and rejects with its reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds from now after which the call is cancelled and rejects with a TimeoutError. */
  timeout?: number | undefined;
  /** Epoch milliseconds (like `Date.now()`) at which the call is cancelled. */
  deadline?: number | undefined;
  /** How many tasks may run at once (an integer >= 1, or Infinity, the default). */
  concurrency?: number | undefined;
  /** Shown in error messages. */
  name?: string | undefined;
}

export function checkFunction(value: unknown, what: string): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${what} must be a function, got ${describe(value)}`);
  }
}

/** A duration or cost: a finite number >= 0. */
export function checkNonNegative(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  if (!(value >= 0 && value < Infinity)) throw new RangeError(`${what} must be a finite number >= 0, got ${value}`);
  return value;
}

/** A count such as concurrency: an integer >= 1, or Infinity unless `finite`. */
export function checkCount(value: unknown, what: string, finite?: boolean): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  if (!((value === Infinity && !finite) || (Number.isInteger(value) && value >= 1))) {
    throw new RangeError(`${what} must be an integer >= 1${finite ? '' : ' or Infinity'}, got ${value}`);
  }
  return value;
}

export function checkSignal(value: unknown, what: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const s = value as Partial<AbortSignal> | null;
  if (typeof s !== 'object' || s === null || !('aborted' in s) || typeof s.addEventListener !== 'function') {
    throw new TypeError(`${what} must be an AbortSignal, got ${describe(value)}`);
  }
  return value as AbortSignal;
}

const NO_OPTIONS: ScopeOptions = {};

export function checkOptions<O extends ScopeOptions>(options: O | undefined, fn: string): O {
  if (options === undefined) return NO_OPTIONS as O;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}(): options must be an object, got ${describe(options)}`);
  }
  checkSignal(options.signal, `${fn}(): options.signal`);
  if (options.timeout !== undefined) checkNonNegative(options.timeout, `${fn}(): options.timeout`);
  if (options.deadline !== undefined && (typeof options.deadline !== 'number' || Number.isNaN(options.deadline))) {
    throw new RangeError(`${fn}(): options.deadline must be epoch ms, got ${describe(options.deadline)}`);
  }
  if (options.concurrency !== undefined) checkCount(options.concurrency, `${fn}(): options.concurrency`);
  if (options.name !== undefined && typeof options.name !== 'string') throw new TypeError(`${fn}(): options.name must be a string, got ${describe(options.name)}`);
  return options;
}

/** An iterable as an array (the same array when it is one); `what` names it, e.g. 'map()'. */
export function toArray<T>(items: Iterable<T>, what: string): readonly T[] {
  if (items == null || typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${what} must be iterable, got ${describe(items)}`);
  }
  return [...items];
}

/** Tasks as an array, each checked to be a function. */
export function checkTasks<T>(tasks: Iterable<T>, fn: string): readonly T[] {
  const list = toArray(tasks, `${fn}(): tasks`);
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'function') checkFunction(list[i], `${fn}(): task ${i}`);
  return list;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** What a bad argument was, for a message: its type, or 'a promise' (a task started too early). */
export function describe(value: unknown): string {
  return value === null ? 'null' : isThenable(value) ? 'a promise (pass `(signal) => work(signal)`)' : typeof value;
}
