import { race } from 'taskscope';

declare function fromCache(key: string, signal?: AbortSignal): Promise<string>;
declare function fromOrigin(key: string, signal?: AbortSignal): Promise<string>;

export function fastest(key: string): Promise<string> {
  // The loser keeps its socket open today.
  return race([(signal) => fromCache(key, signal), (signal) => fromOrigin(key, signal)]);
}
