import { sleep, type Scope } from 'taskscope';

declare function generateReport(host: string, signal?: AbortSignal): Promise<number>;

export async function probe(hosts: [string, string], pause: number, owner?: Scope) {
  await sleep(pause);
  return Promise.all([generateReport(hosts[0]), generateReport(hosts[1])]);
}
