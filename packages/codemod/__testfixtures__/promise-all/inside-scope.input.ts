import { scope } from 'taskscope';

declare function generateStep(n: number, signal?: AbortSignal): Promise<number>;

// Inside a scope, Promise.all's work is still not the scope's tasks: all() gives each its own
// signal, linked to the scope's, and settles only when every task has.
export function run() {
  return scope(async (s) => Promise.all([generateStep(1, s.signal), generateStep(2, s.signal)]));
}
