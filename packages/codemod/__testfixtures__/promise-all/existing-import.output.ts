import { sleep, type Scope, all } from 'taskscope';

declare function ping(host: string, signal?: AbortSignal): Promise<number>;

export async function probe(hosts: [string, string], pause: number, owner?: Scope) {
  await sleep(pause);
  return all([(signal) => ping(hosts[0], signal), (signal) => ping(hosts[1], signal)]);
}
