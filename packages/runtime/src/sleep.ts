import { signalOr } from './core.js';
import { link, unlink } from './link.js';
import { after } from './timer.js';
import { checkNonNegative, checkSignal } from './validate.js';

/**
 * Resolves after `ms`. If `signal` aborts first, clears its timer and rejects with the signal's
 * reason. Without `signal`, the current task's (once `taskscope/context` is loaded).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  checkNonNegative(ms, 'sleep(): ms');
  signal = signalOr(checkSignal(signal, 'sleep(): signal'));
  return new Promise((resolve, reject) => {
    if (!signal) return void after(ms, resolve);
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      stop();
      unlink(signal, onAbort);
      reject(signal.reason);
    };
    const stop = after(ms, () => {
      unlink(signal, onAbort);
      resolve();
    });
    link(signal, onAbort);
  });
}
