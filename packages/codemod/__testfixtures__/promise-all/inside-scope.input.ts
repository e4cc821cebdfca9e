import { scope } from 'taskscope';

declare function step(n: number, signal?: AbortSignal): Promise<number>;

// Already owned by a scope: the scope cancels what is left.
export function run() {
  return scope(async (s) => Promise.all([step(1, s.signal), step(2, s.signal)]));
}
