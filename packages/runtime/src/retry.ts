import { signalOr } from './core.js';
import { addSuppressed, isCancellation } from './errors.js';
import { retryAfterOf } from './retry-after.js';
import { sleep } from './sleep.js';
import { checkCount, checkFunction, checkNonNegative, checkSignal } from './validate.js';

export interface RetryOptions {
  /** Tries in all, the first included (default 3). */
  attempts?: number;
  /** Delay cap before the first retry, doubled for each later one, in ms (default 100). */
  baseDelay?: number;
  /** Upper bound of any delay, in ms (default 10_000). */
  maxDelay?: number;
  /** 'full' waits random(0, cap) (the default), 'equal' cap/2 + random(0, cap/2), 'none' the cap. */
  jitter?: 'full' | 'equal' | 'none';
  /** Whether to retry after `error` (default: always, except on cancellation). */
  retryIf?: (error: unknown, attempt: number) => boolean;
  /**
   * The wait `error` asks for, in ms, taken instead of the backoff (capped by maxDelay). Default
   * (`true`): the error's `retryAfter`, else its `retry-after-ms` or `Retry-After` header. `false`
   * always backs off; a function of your own returns ms, or undefined to back off.
   */
  retryAfter?: boolean | ((error: unknown) => number | undefined);
  /**
   * Cancels the current attempt and the waits; the call then rejects with the signal's reason.
   * Default: the current task's signal, once `taskscope/context` is loaded.
   */
  signal?: AbortSignal;
}

// The share of the cap that is random: full jitter waits random(0, cap), equal cap/2 + random(0, cap/2).
const JITTER = { full: 1, equal: 0.5, none: 0 };

/**
 * Calls `fn` until it succeeds, waiting between tries what the error asks for (Retry-After), or
 * else an exponential backoff with jitter. When it gives up, rethrows the last error, with the
 * earlier ones as its `suppressedErrors`.
 */
export function retry<T>(fn: (signal: AbortSignal, attempt: number) => T | PromiseLike<T>, options: RetryOptions = {}): Promise<T> {
  checkFunction(fn, 'retry(): fn');
  const { attempts = 3, baseDelay = 100, maxDelay = 10_000, jitter = 'full', retryIf = () => true, retryAfter = true } = options;
  checkCount(attempts, 'retry(): options.attempts');
  checkNonNegative(baseDelay, 'retry(): options.baseDelay');
  checkNonNegative(maxDelay, 'retry(): options.maxDelay');
  if (!Object.hasOwn(JITTER, jitter)) throw new TypeError(`retry(): options.jitter must be full, equal or none, got ${String(jitter)}`);
  checkFunction(retryIf, 'retry(): options.retryIf');
  if (typeof retryAfter !== 'boolean') checkFunction(retryAfter, 'retry(): options.retryAfter');
  const waitOf = retryAfter === true ? retryAfterOf : retryAfter || undefined;
  const signal = signalOr(checkSignal(options.signal, 'retry(): options.signal')) ?? new AbortController().signal;
  const random = JITTER[jitter];

  return (async () => {
    const errors: unknown[] = [];
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      try {
        return await fn(signal, attempt);
      } catch (error) {
        if (isCancellation(error, signal)) throw signal.reason;
        if (attempt >= attempts || !retryIf(error, attempt)) {
          addSuppressed(error, errors);
          throw error;
        }
        errors.push(error);
        // The wait the error asks for, when it is a number >= 0; otherwise the backoff.
        const asked = waitOf?.(error) ?? NaN;
        await sleep(asked >= 0 ? Math.min(maxDelay, asked) : Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)) * (1 - random * (1 - Math.random())), signal);
      }
    }
  })();
}
