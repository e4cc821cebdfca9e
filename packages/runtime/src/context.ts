// Node-only entry point (`taskscope/context`): importing it makes every task run with its signal
// in an AsyncLocalStorage. Kept out of the main entry so that one stays browser-safe.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setAmbient } from './core.js';

const storage = new AsyncLocalStorage<AbortSignal>();

setAmbient({
  current: () => storage.getStore(),
  run: (signal, fn) => storage.run(signal, fn),
});

/**
 * The signal of the task (or scope body) this code runs in, however deep the call, or undefined
 * outside any scope. Once this module is imported, every entry point called without a signal (a
 * scope or combinator, `retry`, `limiter.run`, `sleep`) uses it, and so inherits its cancellation
 * and deadline.
 */
export function currentSignal(): AbortSignal | undefined {
  return storage.getStore();
}
