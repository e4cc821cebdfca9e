import { sleep, type Scope } from 'taskscope';

declare function ping(host: string, signal?: AbortSignal): Promise<number>;

export async function probe(hosts: [string, string], pause: number, owner?: Scope) {
  await sleep(pause);
  return Promise.all([ping(hosts[0]), ping(hosts[1])]);
}
