import { firstToFulfil } from './any.js';
import { after } from './timer.js';
import { checkCount, checkFunction, checkNonNegative, checkOptions, type ScopeOptions } from './validate.js';

/** The options of a scope (`signal`, `timeout`, `deadline`, `name`), plus when to start attempts. */
export interface HedgeOptions extends Omit<ScopeOptions, 'concurrency'> {
  /** Milliseconds to wait for a success before starting the next attempt. */
  delay: number;
  /** Attempts in all, the first included (an integer >= 1, default 2). */
  attempts?: number | undefined;
}

/**
 * Hedged requests: starts `fn`, then another attempt every `delay` ms while none has succeeded,
 * up to `attempts`. A failure starts the next attempt at once instead of waiting out the delay.
 * The first success wins; the other attempts are aborted and awaited. Rejects with an
 * AggregateError of every attempt's error, in attempt order, only when all of them failed.
 */
export function hedge<T>(fn: (signal: AbortSignal, attempt: number) => T | PromiseLike<T>, options: HedgeOptions): Promise<T> {
  checkFunction(fn, 'hedge(): fn');
  const opts: Partial<HedgeOptions> = checkOptions(options, 'hedge');
  const delay = checkNonNegative(opts.delay, 'hedge(): options.delay');
  // Finite: a failure starts the next attempt at once, so with no bound a function that always fails would spin.
  const attempts = checkCount(opts.attempts ?? 2, 'hedge(): options.attempts', true);
  let started = 0;
  let stopTimer: (() => void) | undefined;
  let owed = 0; // starts asked for and not yet made
  const run = firstToFulfil(
    'hedge',
    opts,
    (core, done) => {
      // A loop, not recursion: thousands of attempts that fail synchronously must not grow the stack.
      const next = () => {
        if (owed++) return; // a start is under way: its loop makes this one too
        for (; owed; owed--) {
          stopTimer?.(); // a stale stop function is harmless: clearing a timer that fired does nothing
          if (core.signal.aborted || started === attempts) continue; // won, cancelled, or none left
          const attempt = ++started;
          if (attempt < attempts) stopTimer = after(delay, next);
          core.run(
            (signal) => fn(signal, attempt),
            (ok, value, index) => {
              done(ok, value, index);
              if (!ok) next(); // a failure is not a reason to wait: its replacement starts now
            },
            attempt - 1,
          );
        }
      };
      next();
    },
    () => stopTimer?.(),
  );
  return run as Promise<T>;
}
