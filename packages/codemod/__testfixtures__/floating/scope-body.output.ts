import { scope } from 'taskscope';

declare function ping(host: string, signal?: AbortSignal): Promise<void>;
declare function work(): Promise<number>;

export function run() {
  return scope(async (s) => {
    s.spawn((signal) => ping('a', signal));
    return work();
  });
}
