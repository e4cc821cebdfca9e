import { scope } from 'taskscope';

declare function ping(host: string): Promise<void>;
declare function work(): Promise<number>;

export function run() {
  return scope(async (s) => {
    s.spawn(() => ping('a'));
    return work();
  });
}
